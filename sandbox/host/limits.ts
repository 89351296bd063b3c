/**
 * The Forge platform limits the host enforces, in one place so each number carries its source.
 * - Invocation runtime: developer.atlassian.com/platform/forge/limits-invocation ("Runtime seconds": 25 for
 *   user-led invocations such as resolvers, 55 for web triggers; consumer and scheduled-trigger functions
 *   default to 55 and may raise it with `function.timeoutSeconds`, up to 900).
 * - `timeoutSeconds` range 1–900: @forge/manifest out/schema/manifest-schema.json (`function.timeoutSeconds`).
 * - Async events: developer.atlassian.com/platform/forge/limits-async-events and @forge/events
 *   out/validators.js (MAXIMUM_EVENTS = 50, MAXIMUM_PAYLOAD_SIZE_KB = 200, delayInSeconds 0–900).
 */

export const RESOLVER_LIMIT_MS = 25_000;
export const WEBTRIGGER_LIMIT_MS = 55_000;
/**
 * Product event triggers are not user-led and the limits page gives them no figure of their own; they get
 * the background default rather than the 25 s of a UI call. `timeoutSeconds` does not extend them: the
 * page says it applies to functions "only referenced by consumer or scheduled trigger modules".
 */
export const PRODUCT_TRIGGER_LIMIT_MS = 55_000;
export const BACKGROUND_DEFAULT_LIMIT_MS = 55_000;
export const MAX_TIMEOUT_SECONDS = 900;

export const QUEUE_MAX_EVENTS_PER_PUSH = 50;
export const QUEUE_MAX_PUSH_BYTES = 200 * 1024;
/** Per event, only for consumers whose function runs longer than 55 s. */
export const QUEUE_MAX_EVENT_BYTES_LONG_RUNNING = 100 * 1024;
export const QUEUE_MAX_DELAY_SECONDS = 900;
export const QUEUE_MAX_EVENTS_PER_MINUTE = 500;
export const QUEUE_MAX_RETRY_DATA_BYTES = 4 * 1024;
/** Forge retries an event at most four times after the first delivery. */
export const QUEUE_MAX_RETRIES = 4;

/** `scheduledTrigger.interval` values (@forge/manifest schema). */
export const SCHEDULE_INTERVALS = ['fiveMinute', 'hour', 'day', 'week'] as const;
export type ScheduleInterval = (typeof SCHEDULE_INTERVALS)[number];
export const SCHEDULE_INTERVAL_MS: Readonly<Record<ScheduleInterval, number>> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

/** The time limit of one invocation, by what invoked the function. */
export function limitMsFor(
  kind: 'trigger' | 'scheduledTrigger' | 'consumer' | 'webtrigger' | 'resolver',
  timeoutSeconds: number | undefined,
): number {
  switch (kind) {
    case 'resolver':
      return RESOLVER_LIMIT_MS;
    case 'webtrigger':
      return WEBTRIGGER_LIMIT_MS;
    case 'trigger':
      return PRODUCT_TRIGGER_LIMIT_MS;
    case 'consumer':
    case 'scheduledTrigger':
      return timeoutSeconds !== undefined ? timeoutSeconds * 1000 : BACKGROUND_DEFAULT_LIMIT_MS;
  }
}
