/** The core's Clock inside a Forge invocation: wall time, and the time this invocation has left. */
import { __getRuntime } from '@forge/api';
import type { Clock } from '../core/ports';

export const forgeClock: Clock = {
  now: () => new Date(),
  remainingMs: () => {
    try {
      return __getRuntime().lambdaContext.getRemainingTimeInMillis();
    } catch {
      // Outside an invocation (a script, a test without a runtime) nothing limits the time.
      return Number.POSITIVE_INFINITY;
    }
  },
};
