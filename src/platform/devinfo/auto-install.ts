/**
 * Automatic webhook installation on GitHub or GitLab, as queued steps: the first creates (or finds and
 * updates) the hook with the integration's URL and secret; later ones poll, each waiting 1.5 times
 * longer, until the hook has delivered (the server says so, or a verified delivery reached Tandem after
 * the start) or the server reports an error. The token is kept in secret storage only while it runs.
 */
import { fetch as forgeFetch } from '@forge/api';
import { nextInstallStatus, pollDelaySeconds, type HookProbe } from '../../core/devinfo/install-progress';
import type { GitIntegration, InstallStatus } from '../../core/devinfo/integration';
import { AutoInstallServerSchema } from '../../core/devinfo/integration';
import type { WorkQueue } from '../../core/ports';
import type { DevInfoWork } from '../../core/work/work-items';
import { HookInstallError, type InstallContext } from '../../connectors/git-webhooks/hook-installer';
import { GIT_SERVERS } from '../../connectors/git-webhooks/registry';
import type { FetchLike } from '../../connectors/jira/remote-transport';
import { recentDeliveries } from './delivery-audit';
import { deleteSecret, readCurrentSecret, readInstallToken, writeSecret } from './integration-secrets';
import { getIntegration, putIntegration } from './integration-store';

const installWork = (integrationId: string): DevInfoWork => ({
  kind: 'devinfo',
  body: { task: 'install', integrationId },
});

const egressFetch: FetchLike = (url, init) =>
  forgeFetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body).buffer }),
  });

export class InstallRefused extends Error {}

export async function startAutoInstall(
  queue: WorkQueue,
  integration: GitIntegration,
  input: { repository: string; token: string; apiBaseUrl?: string | undefined },
  now = new Date(),
): Promise<GitIntegration> {
  const kind = AutoInstallServerSchema.safeParse(integration.server);
  const installer = GIT_SERVERS[integration.server].installer;
  if (!kind.success || !installer)
    throw new InstallRefused(
      `automatic installation works for GitHub and GitLab, not ${GIT_SERVERS[integration.server].label}`,
    );
  await writeSecret(integration.id, 'installToken', input.token);
  const install: InstallStatus = {
    state: 'in_progress',
    repository: input.repository,
    apiBaseUrl: input.apiBaseUrl ?? installer.defaultApiBaseUrl,
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    attempts: 0,
  };
  const updated: GitIntegration = { ...integration, install };
  await putIntegration(updated);
  await queue.push([installWork(integration.id)]);
  return updated;
}

/** A verified delivery after the installation started proves the hook works, whatever the server says. */
async function deliveredSince(integrationId: string, since: string): Promise<boolean> {
  const recent = await recentDeliveries(integrationId, 20);
  return recent.some((d) => d.outcome !== 'rejected' && d.receivedAt >= since);
}

async function finish(integration: GitIntegration, install: InstallStatus): Promise<void> {
  await putIntegration({ ...integration, install });
  if (install.state !== 'in_progress') await deleteSecret(integration.id, 'installToken');
}

export async function runInstallStep(
  queue: WorkQueue,
  integrationId: string,
  now = () => new Date(),
): Promise<void> {
  const integration = await getIntegration(integrationId);
  const install = integration?.install;
  if (!integration || install?.state !== 'in_progress') return;
  const installer = GIT_SERVERS[integration.server].installer;
  const [token, secret] = await Promise.all([
    readInstallToken(integration.id),
    readCurrentSecret(integration.id),
  ]);
  const fail = (message: string) =>
    finish(integration, { ...install, state: 'error', updatedAt: now().toISOString(), message });
  if (!installer || !token || !secret)
    return fail('the installation lost its token or the integration its secret; start it again');
  const ctx: InstallContext = {
    fetch: egressFetch,
    token,
    apiBaseUrl: install.apiBaseUrl,
    repository: install.repository,
  };
  try {
    if (install.hookId === undefined) {
      const hook = await installer.ensureHook(ctx, { url: integration.webhookUrl, secret });
      await putIntegration({
        ...integration,
        install: { ...install, hookId: hook.hookId, created: hook.created, updatedAt: now().toISOString() },
      });
      await queue.push([installWork(integration.id)], pollDelaySeconds(0));
      return;
    }
    const probe: HookProbe = (await deliveredSince(integration.id, install.startedAt))
      ? { state: 'ok' }
      : await installer.probe(ctx, install.hookId);
    const step = nextInstallStatus(install, probe, now());
    await finish(integration, step.status);
    if (step.pollAgainInS !== undefined) await queue.push([installWork(integration.id)], step.pollAgainInS);
  } catch (err) {
    // The server's refusal (bad token, no such repository, egress not allowed) is the banner's
    // message; the admin fixes it and runs the installation again.
    if (err instanceof Error)
      return fail(err instanceof HookInstallError ? err.message : `${err.name}: ${err.message}`);
    throw err;
  }
}
