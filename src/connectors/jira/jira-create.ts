/**
 * What a Jira create answers, single or bulk, and what Tandem can know from it without reading the issue back.
 */
import { z } from 'zod';
import { codeForStatus, TrackerError } from '../../core/errors';
import type { CanonicalIssue, Json, JsonObject } from '../../core/model';

/** Jira's most issues per `POST /rest/api/3/issue/bulk` ("Creates upto **50** issues", createIssues). */
export const BULK_CREATE_MAX = 50;

const CreatedRefSchema = z.object({ id: z.string(), key: z.string() });

/**
 * `CreatedIssues` (platform OpenAPI v3): the issues created, in the order of the elements that succeeded,
 * and an error per failed element naming its index in the request (`failedElementNumber`).
 */
export const JiraBulkCreatedSchema = z.object({
  issues: z.array(CreatedRefSchema).default([]),
  errors: z
    .array(
      z.object({
        failedElementNumber: z.number().int().optional(),
        status: z.number().int().optional(),
        elementErrors: z
          .object({
            errorMessages: z.array(z.string()).optional(),
            errors: z.record(z.string(), z.string()).optional(),
          })
          .optional(),
      }),
    )
    .default([]),
});
export type JiraBulkCreated = z.infer<typeof JiraBulkCreatedSchema>;

export type ElementAnswer =
  | { created: true; id: string; key: string }
  | { created: false; error: TrackerError };

/**
 * One answer per element sent. The created issues come in the order of the elements that did not fail, so
 * the n-th issue is the n-th element without an error; an answer that does not add up (an error without its
 * element number, more or fewer issues than elements left) cannot say which issue is which, and is refused
 * whole: the caller then finds what was created by origin.
 */
export function answersOf(answer: JiraBulkCreated, count: number, label: string): ElementAnswer[] {
  const failed = new Map<number, TrackerError>();
  for (const e of answer.errors) {
    const messages = [
      ...(e.elementErrors?.errorMessages ?? []),
      ...Object.entries(e.elementErrors?.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
    ];
    const status = e.status ?? 400;
    const error = new TrackerError(
      codeForStatus(status),
      `${label} refused the create (${status}): ${messages.join('; ') || 'no reason given'}`,
      { status },
    );
    const n = e.failedElementNumber;
    // An error naming no element refuses the request whole (too many elements, or none).
    if (n === undefined && answer.issues.length === 0) throw error;
    if (n === undefined || n < 0 || n >= count)
      throw new TrackerError(
        'unknown',
        `${label}: a bulk create answered an error for no element it was sent`,
      );
    failed.set(n, error);
  }
  if (answer.issues.length !== count - failed.size)
    throw new TrackerError(
      'unknown',
      `${label}: a bulk create of ${count} answered ${answer.issues.length} issues and ${failed.size} errors`,
    );
  const created = [...answer.issues];
  return Array.from({ length: count }, (_, i): ElementAnswer => {
    const error = failed.get(i);
    if (error) return { created: false, error };
    const ref = created.shift();
    if (!ref) throw new Error('unreachable: counted above');
    return { created: true, id: ref.id, key: ref.key };
  });
}

/**
 * No re-read after create, where it is safe. Issue #13's rule stands: a base is stored only for a value
 * written and read back, and a create's answer holds only id, key and self. So only values Jira stores
 * verbatim from the create body count as read back by the create itself:
 * - `summary`: a string, held as sent;
 * - `labels`: held as sent, less duplicates (and labels compare as sets);
 * - `key`: in the create's answer.
 * Everything else still needs a read: `status` (a create cannot set it: the issue starts at its workflow's
 * initial status and a walk may stop on the way), `description` (Markdown converted to ADF, which Jira may
 * normalise), priority, issue type and users (resolved by name or account and answered in Jira's own
 * shape), custom fields (their type decides what Jira holds), and any path the create did not send (it
 * holds Jira's default, which a project can configure).
 */
const HELD_AS_SENT: Readonly<Record<string, (sent: Json) => Json>> = {
  summary: (sent) => sent,
  labels: (sent) => (Array.isArray(sent) ? [...new Set(sent)] : sent),
};

/**
 * The created issue from its create's answer and what was sent, when every path the caller reads (`paths`)
 * is known that way; undefined when one is not, and the issue must be read back.
 */
export function issueFromCreate(
  created: { id: string; key: string },
  sent: JsonObject,
  paths: readonly string[],
  at: { browseBase: string; now: Date; origin: string },
): CanonicalIssue | undefined {
  const fields: JsonObject = { key: created.key };
  for (const path of paths) {
    if (path === 'key') continue;
    const held = HELD_AS_SENT[path];
    const value = sent[path];
    if (!held || value === undefined) return undefined;
    fields[path] = held(value);
  }
  // The times are Tandem's: nothing reads a copy's times from its create, and Jira's answer has none.
  const now = at.now.toISOString();
  return {
    id: created.id,
    key: created.key,
    url: `${at.browseBase}/browse/${created.key}`,
    fields,
    created: now,
    updated: now,
    origin: at.origin,
  };
}
