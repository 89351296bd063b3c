/**
 * Creating the webhook on the git server for an integration (GitHub and GitLab), and asking the server
 * whether the hook has delivered. `ensureHook` looks for a hook with the same URL first, so running the
 * installation twice updates the one hook instead of adding a second.
 */
import type { HookProbe } from '../../core/devinfo/install-progress';
import type { FetchLike } from '../jira/remote-transport';

export interface InstallContext {
  fetch: FetchLike;
  token: string;
  apiBaseUrl: string;
  repository: string;
}

export interface HookTarget {
  url: string;
  secret: string;
}

export interface HookInstaller {
  defaultApiBaseUrl: string;
  ensureHook(ctx: InstallContext, target: HookTarget): Promise<{ hookId: string; created: boolean }>;
  /** What the server knows of the hook's deliveries; `pending` until it has tried one. */
  probe(ctx: InstallContext, hookId: string): Promise<HookProbe>;
}

/**
 * A git server API failure, with the server's own message for the settings banner. It carries its handling
 * (core/errors.ts): a 429 or a 5xx is the server busy or down and worth a retry, when its Retry-After says;
 * any other refusal (bad token, no such repository) needs the admin.
 */
export class HookInstallError extends Error {
  readonly code: string;
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HookInstallError';
    this.code = status === undefined ? 'install_failed' : `http_${status}`;
  }

  get isRetryable(): boolean {
    return this.status !== undefined && (this.status === 429 || this.status >= 500);
  }
}
