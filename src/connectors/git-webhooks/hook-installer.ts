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

/** A git server API failure, with the server's own message for the settings banner. */
export class HookInstallError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HookInstallError';
  }
}
