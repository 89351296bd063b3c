/** Small conversions every connector needs: zod failures as one line, times, refs, branch URLs. */
import { z } from 'zod';
import type { ParsedDelivery } from '../../core/devinfo/git-event';

export function malformed(what: string, error: z.ZodError): ParsedDelivery {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  return { ok: false, error: `malformed ${what} payload: ${where}: ${issue?.message ?? 'unexpected shape'}` };
}

export const nothing = (note: string): ParsedDelivery => ({ ok: true, events: [], note });

export const ZERO_SHA = /^0+$/;

/** `refs/heads/x` → branch x, `refs/tags/v1` → tag v1. */
export function splitRef(ref: string): { type: 'branch' | 'tag' | 'other'; name: string } {
  if (ref.startsWith('refs/heads/')) return { type: 'branch', name: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { type: 'tag', name: ref.slice('refs/tags/'.length) };
  return { type: 'other', name: ref };
}

/** ISO 8601 from the formats servers use (`2017-09-15 16:52:00 UTC` on GitLab); unknown text stays. */
export function isoTime(text: string): string {
  const direct = Date.parse(text);
  if (!Number.isNaN(direct)) return new Date(direct).toISOString();
  const gitlab = Date.parse(text.replace(/ UTC$/, 'Z').replace(' ', 'T'));
  return Number.isNaN(gitlab) ? text : new Date(gitlab).toISOString();
}

/** A branch name in a web URL: slashes stay path separators, everything else is encoded. */
export const pathOf = (name: string): string => name.split('/').map(encodeURIComponent).join('/');

/** `Jane Doe <jane@example.com>` (Bitbucket's `raw` author) → name and email. */
export function parseRawAuthor(raw: string): { name: string; email?: string } {
  const match = /^(.*?)\s*<([^>]*)>\s*$/.exec(raw);
  if (!match) return { name: raw.trim() };
  const name = (match[1] ?? '').trim();
  const email = (match[2] ?? '').trim();
  return { name: name || email, ...(email ? { email } : {}) };
}

export const fileCountOf = (c: {
  added?: readonly string[];
  removed?: readonly string[];
  modified?: readonly string[];
}): number => (c.added?.length ?? 0) + (c.removed?.length ?? 0) + (c.modified?.length ?? 0);
