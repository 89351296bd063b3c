/**
 * The project webhook on GitLab (REST v4: /projects/:id/hooks). An existing hook with our URL is updated
 * rather than duplicated. GitLab does not ping a new hook, so Tandem asks it to send a test push
 * (/hooks/:id/test/push_events); the probe then reads the hook's alert status, and the caller also counts
 * a verified delivery that reached Tandem as proof.
 */
import { z } from 'zod';
import type { HookProbe } from '../../core/devinfo/install-progress';
import { apiJson } from '../git-webhooks/api-call';
import {
  HookInstallError,
  type HookInstaller,
  type InstallContext,
  type HookTarget,
} from '../git-webhooks/hook-installer';

const HookSchema = z.looseObject({
  id: z.number(),
  url: z.string(),
  alert_status: z.string().nullish(),
  disabled_until: z.string().nullish(),
});

const project = (ctx: InstallContext): string => {
  if (ctx.repository.trim() === '') throw new HookInstallError('no GitLab project given');
  return `${ctx.apiBaseUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(ctx.repository)}/hooks`;
};

const headers = (ctx: InstallContext): Record<string, string> => ({ 'PRIVATE-TOKEN': ctx.token });

const settings = (target: HookTarget) => ({
  url: target.url,
  token: target.secret,
  push_events: true,
  tag_push_events: true,
  merge_requests_events: true,
  enable_ssl_verification: true,
});

export const gitlabHookInstaller: HookInstaller = {
  defaultApiBaseUrl: 'https://gitlab.com/api/v4',
  async ensureHook(ctx, target) {
    let hookId: number | undefined;
    for (let page = 1; page <= 10 && hookId === undefined; page++) {
      const hooks = await apiJson(
        ctx.fetch,
        `${project(ctx)}?per_page=100&page=${page}`,
        { method: 'GET', headers: headers(ctx) },
        z.array(HookSchema),
      );
      hookId = hooks.find((h) => h.url === target.url)?.id;
      if (hooks.length < 100) break;
    }
    const created = hookId === undefined;
    if (hookId === undefined) {
      hookId = (
        await apiJson(
          ctx.fetch,
          project(ctx),
          { method: 'POST', headers: headers(ctx), json: settings(target) },
          HookSchema,
        )
      ).id;
    } else {
      await apiJson(
        ctx.fetch,
        `${project(ctx)}/${hookId}`,
        { method: 'PUT', headers: headers(ctx), json: settings(target) },
        HookSchema,
      );
    }
    await apiJson(
      ctx.fetch,
      `${project(ctx)}/${hookId}/test/push_events`,
      { method: 'POST', headers: headers(ctx) },
      z.unknown(),
    );
    return { hookId: String(hookId), created };
  },
  async probe(ctx, hookId): Promise<HookProbe> {
    const hook = await apiJson(
      ctx.fetch,
      `${project(ctx)}/${encodeURIComponent(hookId)}`,
      { method: 'GET', headers: headers(ctx) },
      HookSchema,
    );
    if (hook.alert_status === 'disabled' || hook.alert_status === 'temporarily_disabled') {
      return {
        state: 'failed',
        message: `GitLab ${hook.alert_status.replace('_', ' ')} the hook after failed deliveries`,
      };
    }
    return { state: 'pending' };
  },
};
