/** A cycle's outcome as one sentence for the page or the panel ("Sync now", "Retry", after a link). */
import type { CycleResult } from '../../core/cycle/run-cycle';

export function cycleOutcome(result: CycleResult): { outcome: string; message: string } {
  switch (result.outcome) {
    case 'busy':
      return {
        outcome: 'busy',
        message: 'A sync is already running for this connection. Try again in a minute.',
      };
    case 'disabled':
      return { outcome: 'disabled', message: 'This connection is turned off.' };
    case 'held':
      return {
        outcome: 'held',
        message: 'A batch of changes is waiting for an admin’s approval in the project settings.',
      };
    case 'failed':
      return { outcome: 'failed', message: result.message };
    case 'dry-run':
      return { outcome: 'dry-run', message: `${result.plan.mutations.length} changes planned` };
    case 'executed': {
      const { written, errors, complete } = result.report;
      const first = errors[0];
      if (first) return { outcome: 'error', message: first.message };
      const rest = complete ? '' : ' The rest follows shortly.';
      return {
        outcome: 'synced',
        message: written === 0 ? 'Already in sync.' : `Synced ${written} changes.${rest}`,
      };
    }
  }
}
