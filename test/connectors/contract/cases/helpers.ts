/** Small tools the contract cases share: reading a whole listing, and asserting a TrackerError's code. */
import { TrackerError, type TrackerErrorCode } from '../../../../src/core/errors';
import type { CanonicalIssue } from '../../../../src/core/model';
import type { TrackerPort } from '../../../../src/core/ports';

export interface Listing {
  items: CanonicalIssue[];
  pages: number;
}

/** Every page of `listUpdatedSince(since)`, in order; stops with an error after 1000 pages (a token loop). */
export async function listAll(tracker: TrackerPort, since: string | undefined): Promise<Listing> {
  const items: CanonicalIssue[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await tracker.listUpdatedSince(since, token);
    items.push(...page.items);
    pages += 1;
    if (page.next !== undefined && page.next === token) throw new Error(`page token ${token} repeats`);
    token = page.next;
    if (pages > 1000) throw new Error('listUpdatedSince: more than 1000 pages, the tokens loop');
  } while (token !== undefined);
  return { items, pages };
}

/** The one issue with this id, read through the port. */
export async function readIssue(tracker: TrackerPort, id: string): Promise<CanonicalIssue> {
  const [issue, ...more] = await tracker.getIssues([id]);
  if (!issue || more.length > 0) throw new Error(`getIssues([${id}]) answered ${1 + more.length} issues`);
  return issue;
}

/** The error `work` fails with, which must be a TrackerError of `code`. */
export async function trackerErrorOf(work: Promise<unknown>, code: TrackerErrorCode): Promise<TrackerError> {
  const outcome = await work.then(
    (value) => ({ ok: true as const, value }),
    (err: unknown) => ({ ok: false as const, err }),
  );
  if (outcome.ok) throw new Error(`expected a TrackerError ${code}, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.err).toBeInstanceOf(TrackerError);
  if (!(outcome.err instanceof TrackerError)) throw outcome.err;
  expect(outcome.err.code).toBe(code);
  return outcome.err;
}

/** Text of a body in any format (Markdown string or ADF), for "contains these words" checks. */
export const textOf = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body));

let seq = 0;
/** A unique marker, so cases never find another case's issue by accident. */
export const unique = (what: string): string => `${what}-${Date.now().toString(36)}-${++seq}`;
