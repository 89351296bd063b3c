/**
 * The target version (`fixed_version`) by name, as Jira's fix versions are (jira-project-items.ts): a
 * version the project lacks is not written and named on the pair, unless the rule creates missing ones
 * (createMissing), which creates it with POST /projects/:id/versions.json (Rest_Versions; needs the
 * "Manage versions" permission). The project's list (GET /projects/:id/versions.json, shared versions
 * included) is read once per tracker and only when a write names a version, and again when a name is not in it.
 *
 * Redmine holds one target version, Jira a list: a list of one name is written as that name, an empty list
 * or null clears it, and a list of several is not written (named on the pair) rather than cut to one.
 * Names are matched exactly: Redmine lets a project have "v1" and "V1" (measured on 5.0.4).
 */
import { z } from 'zod';
import { TrackerError, type UnwrittenField } from '../../core/errors';
import type { FieldPatch, Json } from '../../core/model';
import type { RedmineClient } from './redmine-client';

const VersionSchema = z.object({ id: z.number(), name: z.string(), status: z.string().optional() });
const VersionsSchema = z.object({ versions: z.array(VersionSchema) });
const VersionEnvelopeSchema = z.object({ version: VersionSchema });

/** The paths that name the target version, as read (`fixed_version` is `{ name }`). */
export const VERSION_PATHS = new Set(['fixed_version', 'fixed_version.name']);

export interface VersionWrite {
  /** The patch without its version path. */
  rest: FieldPatch;
  /** `fixed_version_id` to send, when the version path was writable. */
  issue: { fixed_version_id?: number | null };
  /** What the issue holds at the version path once the write lands. */
  held: FieldPatch;
  unwritten: UnwrittenField[];
}

/** The one name a value asks for: null for none, or why it cannot be written. */
export function versionNameIn(value: Json): { name: string | null } | { problem: string } {
  if (value === null) return { name: null };
  if (typeof value === 'string') return { name: value === '' ? null : value };
  if (Array.isArray(value)) {
    const names = value.map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v.name : v));
    if (!names.every((n): n is string => typeof n === 'string')) return { problem: 'expected version names' };
    if (names.length > 1)
      return {
        problem: `Redmine holds one target version, not ${names.length} (${names.map((n) => `"${n}"`).join(', ')})`,
      };
    return { name: names[0] ?? null };
  }
  if (typeof value === 'object' && typeof value.name === 'string') return { name: value.name };
  return { problem: `expected a version name, got ${JSON.stringify(value)}` };
}

export class RedmineVersions {
  private list: Promise<{ id: number; name: string }[]> | undefined;

  constructor(
    private readonly client: RedmineClient,
    private readonly project: string,
    /** The paths whose rule creates a missing version (createMissing). */
    private readonly createMissing: readonly string[] = [],
  ) {}

  async resolve(patch: FieldPatch): Promise<VersionWrite> {
    const out: VersionWrite = { rest: {}, issue: {}, held: {}, unwritten: [] };
    for (const [path, value] of Object.entries(patch)) {
      if (!VERSION_PATHS.has(path)) {
        out.rest[path] = value;
        continue;
      }
      const wanted = versionNameIn(value);
      if ('problem' in wanted) {
        out.unwritten.push({ path, message: `${this.client.label}: target version: ${wanted.problem}` });
        continue;
      }
      if (wanted.name === null) {
        out.issue.fixed_version_id = null;
        out.held[path] = null;
        continue;
      }
      const found = await this.idOf(path, wanted.name);
      if (typeof found === 'string') {
        out.unwritten.push({ path, message: `${this.client.label}: ${found}` });
        continue;
      }
      out.issue.fixed_version_id = found;
      out.held[path] = path === 'fixed_version' ? { name: wanted.name } : wanted.name;
    }
    return out;
  }

  /** The version's id, created when the rule allows; or why it cannot be written. */
  private async idOf(path: string, name: string): Promise<number | string> {
    let known = (await this.versions()).find((v) => v.name === name);
    if (!known) {
      // The list is kept for the tracker's life; a version made since (by a person, another connection)
      // is found by reading it once more before it is called missing.
      this.list = undefined;
      known = (await this.versions()).find((v) => v.name === name);
    }
    if (known) return known.id;
    if (!this.createMissing.includes(path))
      return `target version "${name}" does not exist in ${this.project}; create it there, or let the rule create missing ones (createMissing)`;
    try {
      const { version } = await this.client.json(
        `/projects/${encodeURIComponent(this.project)}/versions.json`,
        VersionEnvelopeSchema,
        { method: 'POST', json: { version: { name } } },
      );
      this.list = undefined;
      return version.id;
    } catch (err) {
      if (!(err instanceof TrackerError) || err.isRetryable) throw err;
      // Taken meanwhile (a retry after a lost answer, or a person): the version exists, which is enough.
      this.list = undefined;
      const again = (await this.versions()).find((v) => v.name === name);
      if (again) return again.id;
      return `Redmine refused to create target version "${name}" in ${this.project}: ${err.message}`;
    }
  }

  private versions() {
    this.list ??= this.client
      .json(`/projects/${encodeURIComponent(this.project)}/versions.json`, VersionsSchema)
      .then((r) => r.versions)
      .catch((err: unknown) => {
        this.list = undefined;
        throw err;
      });
    return this.list;
  }
}
