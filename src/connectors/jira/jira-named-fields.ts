/**
 * The JiraTracker's side of jira-fields.ts: which fields this side's rules name, read into the canonical
 * issue under the rules' names, and written from a patch. A value that does not fit (an option, version or
 * component the project lacks, a user no one maps, a field the site does not have) is never replaced by
 * another: it is left out of the write and named, with the field and the value, in the `unwritten` list the
 * engine records on the pair (PartialWriteError). Jira itself refuses an option its field's context lacks:
 * such a refusal names the fields (`errors` of its answer), and the write is sent again without them.
 */
import { TrackerError, type UnwrittenField } from '../../core/errors';
import type { CanonicalIssue, FieldPatch, Json, JsonObject } from '../../core/model';
import { isJsonObject } from '../../core/paths';
import { JiraRefusal, type JiraClient } from './jira-client';
import {
  headOf,
  isNamedFieldPath,
  JiraFieldCatalog,
  readNamedFields,
  writeNamedField,
  type JiraFieldRules,
  type NamedField,
} from './jira-fields';
import { userRef, type JiraFlavor } from './jira-flavor';
import { JiraProjectItems } from './jira-project-items';
import type { UserResolver } from './user-resolver';

/** A patch split into what jira-mapping.ts writes and the named fields' Jira input. */
export interface NamedWrite {
  rest: FieldPatch;
  fields: JsonObject;
  unwritten: UnwrittenField[];
  /** Field id → the patch paths written into it, to name them when Jira refuses the field. */
  pathsOf: Map<string, string[]>;
}

interface Deps {
  client: JiraClient;
  users: UserResolver;
  flavor: JiraFlavor;
  project: string;
  rules: JiraFieldRules;
  mayCreateProjectItems: boolean;
}

export class NamedFields {
  private readonly catalog: JiraFieldCatalog;
  private readonly items: JiraProjectItems;
  private resolved: Promise<{ byHead: Map<string, NamedField>; missing: Map<string, string> }> | undefined;
  /** What reads convert, once resolved: heads named alone convert by type, heads named with a path stay raw. */
  private reading: NamedField[] = [];

  constructor(private readonly deps: Deps) {
    this.catalog = new JiraFieldCatalog(deps.client);
    this.items = new JiraProjectItems(deps.client, deps.project, deps.mayCreateProjectItems);
  }

  private resolve() {
    this.resolved ??= (async () => {
      const paths = this.deps.rules.paths.filter(isNamedFieldPath);
      const heads = [...new Set(paths.map(headOf))];
      const { named, unresolved } =
        heads.length > 0 ? await this.catalog.resolve(heads) : { named: [], unresolved: [] };
      this.reading = named.map((f) =>
        f.kind === 'timetracking' || paths.includes(f.head) ? f : { ...f, kind: 'raw' as const },
      );
      return {
        byHead: new Map(named.map((f) => [f.head, f])),
        missing: new Map(unresolved.map((u) => [u.head, u.message])),
      };
    })();
    return this.resolved;
  }

  /** The field ids a read asks for. */
  async fieldIds(): Promise<string[]> {
    const { byHead } = await this.resolve();
    return [...new Set([...byHead.values()].map((f) => f.id))];
  }

  /** The issue with the named fields' canonical values (after `fieldIds`, which every read awaits). */
  withValues(issue: CanonicalIssue, fields: Record<string, unknown>): CanonicalIssue {
    if (this.reading.length === 0) return issue;
    return { ...issue, fields: { ...issue.fields, ...readNamedFields(fields, this.reading) } };
  }

  async write(patch: FieldPatch): Promise<NamedWrite> {
    const out: NamedWrite = { rest: {}, fields: {}, unwritten: [], pathsOf: new Map() };
    const label = this.deps.client.label;
    const { byHead, missing } = await this.resolve();
    for (const [path, value] of Object.entries(patch)) {
      if (!isNamedFieldPath(path)) {
        out.rest[path] = value;
        continue;
      }
      const head = headOf(path);
      const field = byHead.get(head);
      if (!field) {
        out.unwritten.push({ path, message: missing.get(head) ?? `${label} has no field "${head}"` });
        continue;
      }
      const problem = await this.convert(out, field, path, value);
      if (problem !== undefined) out.unwritten.push({ path, message: `${label}: ${problem}` });
      else out.pathsOf.set(field.id, [...(out.pathsOf.get(field.id) ?? []), path]);
    }
    return out;
  }

  /** Puts the value's Jira input into `out.fields`, or answers why it cannot be written. */
  private async convert(
    out: NamedWrite,
    field: NamedField,
    path: string,
    value: Json,
  ): Promise<string | undefined> {
    const converted = writeNamedField(field, path.slice(field.head.length + 1), value);
    if ('problem' in converted) return converted.problem;
    if ('user' in converted) {
      try {
        const id = await this.deps.users.accountIdFor(converted.user);
        out.fields[field.id] = id === null ? null : userRef(this.deps.flavor, id);
      } catch (err) {
        if (err instanceof TrackerError && err.code === 'user_unmapped')
          return `${field.name}: ${err.message}`;
        throw err;
      }
      return undefined;
    }
    if ('names' in converted) {
      const kind = field.kind === 'components' ? 'components' : 'versions';
      // No names, no lookup: an empty list needs no version to exist.
      const absent = converted.names.length === 0 ? [] : await this.items.missing(kind, converted.names);
      if (absent.length > 0) {
        const quoted = absent.map((n) => `"${n}"`).join(', ');
        if (!this.deps.rules.createMissing.includes(path))
          return `${field.name} ${quoted} ${absent.length > 1 ? 'do' : 'does'} not exist in ${this.deps.project}; create ${absent.length > 1 ? 'them' : 'it'} there, or let the rule create missing ones (createMissing)`;
        const refused = await this.items.create(kind, absent);
        if (refused !== undefined) return `${field.name} ${quoted}: ${refused}`;
      }
      out.fields[field.id] = converted.names.map((name) => ({ name }));
      return undefined;
    }
    const before = out.fields[field.id];
    // Two paths into one field (both estimates) make one object.
    out.fields[field.id] =
      isJsonObject(before) && isJsonObject(converted.value)
        ? { ...before, ...converted.value }
        : converted.value;
    return undefined;
  }

  /**
   * Sends `fields`; when Jira refuses only named fields, names them and sends the rest once more. Answers the
   * send's result (absent when nothing was left to send) and the paths refused.
   */
  async sendDroppingRefused<T>(
    fields: JsonObject,
    named: NamedWrite,
    patch: FieldPatch,
    send: (fields: JsonObject) => Promise<T>,
  ): Promise<{ result?: T; refused: UnwrittenField[] }> {
    try {
      return { result: await send(fields), refused: [] };
    } catch (err) {
      const keys = err instanceof JiraRefusal ? Object.keys(err.fieldErrors) : [];
      if (!(err instanceof JiraRefusal) || keys.length === 0 || !keys.every((k) => named.pathsOf.has(k)))
        throw err;
      const refused = keys.flatMap((k) =>
        (named.pathsOf.get(k) ?? []).map((path) => ({
          path,
          message: `${this.deps.client.label} refused ${path} = ${JSON.stringify(patch[path] ?? null)}: ${err.fieldErrors[k] ?? ''}`,
        })),
      );
      const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !keys.includes(k)));
      if (Object.keys(rest).length === 0) return { refused };
      return { result: await send(rest), refused };
    }
  }
}
