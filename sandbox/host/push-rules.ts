/**
 * The limits Forge puts on one push (developer.atlassian.com/platform/forge/limits-async-events), checked on the
 * platform side as well: @forge/events checks the same ones before sending (out/validators.js), but a push
 * that skips the package, or a size only the server knows (the per-event cap of long-running consumers),
 * must still be refused, with the status and body fields @forge/events turns into its errors.
 */
import {
  QUEUE_MAX_DELAY_SECONDS,
  QUEUE_MAX_EVENT_BYTES_LONG_RUNNING,
  QUEUE_MAX_EVENTS_PER_MINUTE,
  QUEUE_MAX_EVENTS_PER_PUSH,
  QUEUE_MAX_PUSH_BYTES,
} from './limits';
import type { PushEvent } from './queue-schemas';

/** A platform endpoint's answer before it becomes a fetch Response. */
export interface PlatformReply {
  status: number;
  body: unknown;
}

export const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
export const badRequest = (message: string): PlatformReply => ({ status: 400, body: { message } });

/** 413 carries `errorMessage`: the field @forge/events reads into PayloadTooBigError (validatePushAPIResponse). */
const tooBig = (errorMessage: string): PlatformReply => ({ status: 413, body: { errorMessage } });

/** The refusal for this push, or `undefined` when it may be queued. */
export function checkPush(
  payload: readonly PushEvent[],
  longRunningConsumer: boolean,
): PlatformReply | undefined {
  if (payload.length === 0) return badRequest('No events pushed.');
  if (payload.length > QUEUE_MAX_EVENTS_PER_PUSH) {
    return badRequest(`This push contains more than the ${QUEUE_MAX_EVENTS_PER_PUSH} events allowed.`);
  }
  if (bytesOf(payload) > QUEUE_MAX_PUSH_BYTES) {
    return tooBig(`The maximum payload size is ${QUEUE_MAX_PUSH_BYTES / 1024}KB.`);
  }
  if (longRunningConsumer && payload.some((e) => bytesOf(e) > QUEUE_MAX_EVENT_BYTES_LONG_RUNNING)) {
    return tooBig(
      `An event for a consumer running longer than 55 s may be at most ${QUEUE_MAX_EVENT_BYTES_LONG_RUNNING / 1024}KB.`,
    );
  }
  const delays = payload.map((e) => e.delayInSeconds ?? 0);
  if (delays.some((d) => d < 0 || d > QUEUE_MAX_DELAY_SECONDS)) {
    return badRequest(`The delayInSeconds setting must be between 0 and ${QUEUE_MAX_DELAY_SECONDS}.`);
  }
  return undefined;
}

/** Forge allows 500 pushed events per minute per installation; beyond that a push gets 429 (RateLimitError). */
export class PushRateWindow {
  private readonly recent: { at: number; count: number }[] = [];

  admit(count: number, now = Date.now()): boolean {
    while ((this.recent[0]?.at ?? now) <= now - 60_000 && this.recent.length > 0) this.recent.shift();
    const used = this.recent.reduce((sum, p) => sum + p.count, 0);
    if (used + count > QUEUE_MAX_EVENTS_PER_MINUTE) return false;
    this.recent.push({ at: now, count });
    return true;
  }
}
