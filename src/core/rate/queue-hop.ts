/**
 * Forge's queue delays an event at most 900 s ("Async events API", `delayInSeconds`). A wait further away,
 * such as a quota reset most of an hour off, is waited out in several hops: the work goes back with the
 * longest delay, and when it comes round the governor (told through storage) sends it back again.
 */
export const QUEUE_MAX_DELAY_S = 900;

export function queueDelaySeconds(waitMs: number): number {
  return Math.min(QUEUE_MAX_DELAY_S, Math.max(0, Math.ceil(waitMs / 1000)));
}
