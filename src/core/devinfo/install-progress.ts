/**
 * Automatic webhook installation as a state machine (the GitLab-for-Jira pattern): `in_progress` while
 * Tandem waits for proof that the hook works, then `ready`, or `error` with the git server's message.
 * Polls wait 2 s, then 1.5 times longer each try, capped at 5 minutes; after 12 polls (about 9 minutes)
 * without proof the installation is an error that says so.
 */
import type { InstallStatus } from './integration';

export const INSTALL_POLL = { firstDelayS: 2, factor: 1.5, maxDelayS: 300, maxAttempts: 12 } as const;

export type HookProbe = { state: 'pending' } | { state: 'ok' } | { state: 'failed'; message: string };

export function pollDelaySeconds(attempt: number): number {
  return Math.min(
    INSTALL_POLL.maxDelayS,
    Math.round(INSTALL_POLL.firstDelayS * INSTALL_POLL.factor ** attempt),
  );
}

export interface InstallStep {
  status: InstallStatus;
  /** Present while in progress: when to poll again. */
  pollAgainInS?: number;
}

export function nextInstallStatus(status: InstallStatus, probe: HookProbe, now: Date): InstallStep {
  const updatedAt = now.toISOString();
  const rest: InstallStatus = { ...status };
  delete rest.message;
  switch (probe.state) {
    case 'ok':
      return { status: { ...rest, state: 'ready', updatedAt } };
    case 'failed':
      return { status: { ...rest, state: 'error', updatedAt, message: probe.message.slice(0, 2000) } };
    case 'pending': {
      const attempts = status.attempts + 1;
      if (attempts >= INSTALL_POLL.maxAttempts) {
        return {
          status: {
            ...rest,
            state: 'error',
            attempts,
            updatedAt,
            message: `the hook exists but no delivery reached Tandem after ${attempts} checks; check the hook's recent deliveries on the git server`,
          },
        };
      }
      return {
        status: { ...rest, state: 'in_progress', attempts, updatedAt },
        pollAgainInS: pollDelaySeconds(attempts),
      };
    }
  }
}
