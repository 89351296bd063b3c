/**
 * The repository webhook on GitHub (REST: /repos/{owner}/{repo}/hooks). An existing hook with our URL is
 * updated rather than duplicated. GitHub pings a new hook at once and records the answer as the hook's
 * `last_response`, which is what the probe reads.
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

export const GITHUB_HOOK_EVENTS = ['push', 'create', 'delete', 'pull_request'] as const;

const HookSchema = z.looseObject({
  id: z.number(),
  config: z.looseObject({ url: z.string().optional() }),
  last_response: z
    .looseObject({ code: z.number().nullish(), status: z.string().nullish(), message: z.string().nullish() })
    .nullish(),
});

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function base(ctx: InstallContext): string {
  if (!REPOSITORY.test(ctx.repository))
    throw new HookInstallError(`"${ctx.repository}" is not owner/repository`);
  return `${ctx.apiBaseUrl.replace(/\/+$/, '')}/repos/${ctx.repository}/hooks`;
}

const headers = (ctx: InstallContext): Record<string, string> => ({
  Authorization: `Bearer ${ctx.token}`,
  Accept: 'application/vnd.github+json',
  'X-GitHub-Api-Version': '2022-11-28',
  'User-Agent': 'tandem-forge-app',
});

const config = (target: HookTarget) => ({
  url: target.url,
  content_type: 'json',
  secret: target.secret,
  insecure_ssl: '0',
});

async function findHook(ctx: InstallContext, url: string): Promise<number | undefined> {
  for (let page = 1; page <= 10; page++) {
    const hooks = await apiJson(
      ctx.fetch,
      `${base(ctx)}?per_page=100&page=${page}`,
      { method: 'GET', headers: headers(ctx) },
      z.array(HookSchema),
    );
    const found = hooks.find((h) => h.config.url === url);
    if (found) return found.id;
    if (hooks.length < 100) return undefined;
  }
  return undefined;
}

export const githubHookInstaller: HookInstaller = {
  defaultApiBaseUrl: 'https://api.github.com',
  async ensureHook(ctx, target) {
    const existing = await findHook(ctx, target.url);
    const body = { active: true, events: [...GITHUB_HOOK_EVENTS], config: config(target) };
    if (existing !== undefined) {
      await apiJson(
        ctx.fetch,
        `${base(ctx)}/${existing}`,
        { method: 'PATCH', headers: headers(ctx), json: body },
        HookSchema,
      );
      return { hookId: String(existing), created: false };
    }
    const created = await apiJson(
      ctx.fetch,
      base(ctx),
      { method: 'POST', headers: headers(ctx), json: { name: 'web', ...body } },
      HookSchema,
    );
    return { hookId: String(created.id), created: true };
  },
  async probe(ctx, hookId): Promise<HookProbe> {
    const hook = await apiJson(
      ctx.fetch,
      `${base(ctx)}/${encodeURIComponent(hookId)}`,
      { method: 'GET', headers: headers(ctx) },
      HookSchema,
    );
    const code = hook.last_response?.code;
    if (code === null || code === undefined) return { state: 'pending' };
    if (code >= 200 && code < 300) return { state: 'ok' };
    return {
      state: 'failed',
      message: `GitHub's last delivery got ${code}${hook.last_response?.message ? `: ${hook.last_response.message}` : ''}`,
    };
  },
};
