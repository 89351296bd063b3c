/**
 * Fields a rule names beyond the ones jira-mapping.ts knows: versions, components, due date, time
 * tracking, and any custom field, named by its id (`customfield_10016`) or by its name as the site shows it
 * (`Story point estimate`). A name is resolved with the site's field list (GET /rest/api/3/field, platform
 * OpenAPI getFields), read once per tracker, that is once per invocation; the field's `schema` says how its
 * values convert. The canonical value sits under the name the rule used, so the engine compares and maps
 * values, not one site's ids:
 *
 * | field (schema) | canonical value | Jira input written |
 * |---|---|---|
 * | fixVersions, versions, components | sorted names | `[{name}]` |
 * | duedate, date (`date`) | `YYYY-MM-DD` | the same |
 * | timetracking | `{originalEstimateSeconds?, remainingEstimateSeconds?}` | `{originalEstimate: 'Nm', …}` |
 * | select (`option`) | its value | `{value}` |
 * | multi select (`array` of `option`) | sorted values | `[{value}]` |
 * | cascading select (`option-with-child`) | `{value, child?}` | `{value, child?: {value}}` |
 * | user picker (`user`) | `{id, displayName, email?}` | `{accountId}` through the user map |
 * | date-time (`datetime`) | ISO 8601 instant | Jira's instant format |
 * | number, text and URL (`number`, `string`), labels (`array` of `string`) | the value | the same |
 *
 * A path below a custom field (`customfield_10010.value`) keeps the field's JSON as Jira answers it.
 */
import { z } from 'zod';
import type { Json, JsonObject } from '../../core/model';
import type { Rule } from '../../core/schema/rules';
import { JsonSchema } from '../../core/schema/rules';
import type { JiraClient } from './jira-client';
import { MAPPING_HEADS } from './jira-mapping';
import { isoToJiraTime, jiraTimeToIso } from './jira-time';

export type FieldKind =
  | 'versions'
  | 'components'
  | 'timetracking'
  | 'date'
  | 'datetime'
  | 'option'
  | 'options'
  | 'cascade'
  | 'user'
  | 'number'
  | 'string'
  | 'strings'
  | 'raw';

/** A field a rule names, resolved on this site. */
export interface NamedField {
  /** What the rule calls it: the head of its path, the key of the canonical value. */
  head: string;
  id: string;
  name: string;
  kind: FieldKind;
}

/** The paths one side's rules name, and those whose missing versions or components may be created. */
export interface JiraFieldRules {
  paths: readonly string[];
  createMissing: readonly string[];
}

/**
 * Heads of jira-mapping.ts's that this module takes over: the due date is a typed field here (canonical
 * `YYYY-MM-DD`, an instant from a date-time field keeps its day, a value that is not a date is named on the
 * pair), where toJiraWrite would pass any value through as it is.
 */
export const TAKEN_FROM_MAPPING: ReadonlySet<string> = new Set(['duedate']);

/** Heads jira-mapping.ts reads and writes itself: all it owns, less what this module takes over. */
const MAPPED: ReadonlySet<string> = new Set(MAPPING_HEADS.filter((h) => !TAKEN_FROM_MAPPING.has(h)));

/** System fields known without asking the site. */
export const SYSTEM_FIELDS: Readonly<Record<string, { name: string; kind: FieldKind }>> = {
  fixVersions: { name: 'Fix versions', kind: 'versions' },
  versions: { name: 'Affects versions', kind: 'versions' },
  components: { name: 'Components', kind: 'components' },
  duedate: { name: 'Due date', kind: 'date' },
  timetracking: { name: 'Time tracking', kind: 'timetracking' },
};

/** The paths a rule names on one side (multi-to-remote reads several locals). */
function pathsOf(rule: Rule, side: 'local' | 'remote'): string[] {
  switch (rule.kind) {
    case 'one-way':
    case 'to-remote':
    case 'two-way':
      return [side === 'local' ? rule.local : rule.remote];
    case 'default':
      return side === 'local' ? [rule.local] : rule.remote === undefined ? [] : [rule.remote];
    case 'multi-to-remote':
      return side === 'local' ? rule.locals : [rule.remote];
    case 'message-from-field':
      return side === 'remote' ? [rule.remote] : [];
    default:
      return [];
  }
}

export function jiraFieldRules(rules: readonly Rule[], side: 'local' | 'remote'): JiraFieldRules {
  const paths = rules.flatMap((r) => pathsOf(r, side));
  const createMissing = rules.flatMap((r) =>
    'createMissing' in r && r.createMissing ? pathsOf(r, side) : [],
  );
  return { paths: [...new Set(paths)], createMissing: [...new Set(createMissing)] };
}

export const headOf = (path: string): string => path.split('.')[0] ?? path;

/** Whether jira-fields.ts, rather than jira-mapping.ts, handles this path. */
export const isNamedFieldPath = (path: string): boolean => !MAPPED.has(headOf(path));

const FieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  schema: z
    .object({ type: z.string(), items: z.string().optional(), custom: z.string().optional() })
    .optional(),
});
export type JiraField = z.infer<typeof FieldSchema>;

/** How a field's values convert, by its id (known system fields) or its `schema`. */
export function kindOf(f: JiraField): FieldKind {
  const system = SYSTEM_FIELDS[f.id];
  if (system) return system.kind;
  const s = f.schema;
  switch (s?.type) {
    case 'option':
      return 'option';
    case 'option-with-child':
      return 'cascade';
    case 'user':
      return 'user';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'number':
      return 'number';
    case 'string':
      // A paragraph field holds ADF in API v3, not text.
      return s.custom?.endsWith(':textarea') ? 'raw' : 'string';
    case 'array':
      if (s.items === 'option') return 'options';
      if (s.items === 'string') return 'strings';
      if (s.items === 'version') return 'versions';
      if (s.items === 'component') return 'components';
      return 'raw';
    default:
      return 'raw';
  }
}

/** A field a rule names that the site does not have, or has twice under that name. */
export interface UnresolvedField {
  head: string;
  message: string;
}

/**
 * The site's fields, read once (GET /rest/api/3/field answers every field, system and custom, in one list),
 * and only when a rule names a field that is neither mapped nor a known system field.
 */
export class JiraFieldCatalog {
  private fields: Promise<JiraField[]> | undefined;

  constructor(private readonly client: JiraClient) {}

  async resolve(heads: readonly string[]): Promise<{ named: NamedField[]; unresolved: UnresolvedField[] }> {
    const named: NamedField[] = [];
    const unresolved: UnresolvedField[] = [];
    for (const head of heads) {
      const system = SYSTEM_FIELDS[head];
      if (system) {
        named.push({ head, id: head, ...system });
        continue;
      }
      const all = await this.list();
      const byId = all.find((f) => f.id === head);
      const byName = all.filter((f) => f.name === head);
      const field = byId ?? (byName.length === 1 ? byName[0] : undefined);
      if (field) named.push({ head, id: field.id, name: field.name, kind: kindOf(field) });
      else
        unresolved.push({
          head,
          message:
            byName.length > 1
              ? `${this.client.label} has ${byName.length} fields named "${head}" (${byName.map((f) => f.id).join(', ')}); name one by its id in the rule`
              : `${this.client.label} has no field "${head}"`,
        });
    }
    return { named, unresolved };
  }

  /** Every field of the site, as GET /rest/api/3/field answers them (the rule editor's catalog lists them). */
  all(): Promise<JiraField[]> {
    return this.list();
  }

  private list(): Promise<JiraField[]> {
    this.fields ??= this.client.json('/rest/api/3/field', z.array(FieldSchema));
    return this.fields;
  }
}

// --- reading ----------------------------------------------------------------------------------------------

const Named = z.array(z.object({ name: z.string() }));
const Option = z.object({ value: z.string() });
const Cascade = z.object({ value: z.string(), child: Option.optional() });
const TimeTracking = z.object({
  originalEstimateSeconds: z.number().optional(),
  remainingEstimateSeconds: z.number().optional(),
});
const UserValue = z.object({
  accountId: z.string().optional(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
});

const sorted = (values: string[]): string[] => [...values].sort((a, b) => a.localeCompare(b));

/** The canonical value of a field as Jira answers it; null when empty or not in the expected shape. */
export function readNamedField(kind: FieldKind, raw: unknown): Json {
  if (raw === undefined || raw === null)
    return kind === 'timetracking' ? {} : kind === 'versions' || kind === 'components' ? [] : null;
  switch (kind) {
    case 'versions':
    case 'components': {
      const parsed = Named.safeParse(raw);
      return parsed.success ? sorted(parsed.data.map((v) => v.name)) : null;
    }
    case 'option': {
      const parsed = Option.safeParse(raw);
      return parsed.success ? parsed.data.value : null;
    }
    case 'options': {
      const parsed = z.array(Option).safeParse(raw);
      return parsed.success ? sorted(parsed.data.map((o) => o.value)) : null;
    }
    case 'cascade': {
      const parsed = Cascade.safeParse(raw);
      if (!parsed.success) return null;
      return parsed.data.child
        ? { value: parsed.data.value, child: parsed.data.child.value }
        : { value: parsed.data.value };
    }
    case 'user': {
      const parsed = UserValue.safeParse(raw);
      const id = parsed.success ? (parsed.data.accountId ?? parsed.data.name) : undefined;
      if (!parsed.success || id === undefined) return null;
      return {
        id,
        displayName: parsed.data.displayName ?? id,
        ...(parsed.data.emailAddress === undefined ? {} : { email: parsed.data.emailAddress }),
      };
    }
    case 'timetracking': {
      const parsed = TimeTracking.safeParse(raw);
      if (!parsed.success) return {};
      const t = parsed.data;
      return {
        ...(t.originalEstimateSeconds === undefined
          ? {}
          : { originalEstimateSeconds: t.originalEstimateSeconds }),
        ...(t.remainingEstimateSeconds === undefined
          ? {}
          : { remainingEstimateSeconds: t.remainingEstimateSeconds }),
      };
    }
    case 'datetime':
      return typeof raw === 'string' ? jiraTimeToIso(raw) : null;
    case 'date':
    case 'string':
      return typeof raw === 'string' ? raw : null;
    case 'number':
      return typeof raw === 'number' ? raw : null;
    case 'strings': {
      const parsed = z.array(z.string()).safeParse(raw);
      return parsed.success ? parsed.data : null;
    }
    case 'raw':
      return JsonSchema.parse(raw);
  }
}

/** The canonical values of the named fields in an issue's `fields`, by the names the rules use. */
export function readNamedFields(fields: Record<string, unknown>, named: readonly NamedField[]): JsonObject {
  return Object.fromEntries(named.map((f) => [f.head, readNamedField(f.kind, fields[f.id])]));
}

// --- writing ----------------------------------------------------------------------------------------------

/** A value converted for Jira, one that needs the user map or the project's versions, or why it cannot be. */
export type Converted = { value: Json } | { user: Json } | { names: string[] } | { problem: string };

const describe = (v: Json): string => JSON.stringify(v);

/**
 * The Jira input for a canonical value written at `path` of the field (a path below a time tracking field
 * sets that estimate; below a custom field, that part of Jira's own JSON).
 */
export function writeNamedField(field: NamedField, sub: string, value: Json): Converted {
  const expected = (what: string): Converted => ({
    problem: `${field.name} expects ${what}, not ${describe(value)}`,
  });
  if (field.kind === 'timetracking') return timeTrackingInput(field, sub, value);
  if (sub !== '') return { value: nest(sub.split('.'), value) };
  if (value === null) return { value: field.kind === 'versions' || field.kind === 'components' ? [] : null };
  switch (field.kind) {
    case 'versions':
    case 'components': {
      const names = z.array(z.string()).safeParse(Array.isArray(value) ? value : [value]);
      return names.success ? { names: names.data } : expected('a list of names');
    }
    case 'option':
      return typeof value === 'string' ? { value: { value } } : expected('an option value');
    case 'options': {
      const values = z.array(z.string()).safeParse(Array.isArray(value) ? value : [value]);
      return values.success ? { value: values.data.map((v) => ({ value: v })) } : expected('option values');
    }
    case 'cascade': {
      const parsed = z.object({ value: z.string(), child: z.string().optional() }).safeParse(value);
      if (!parsed.success) return expected('{value, child} of a cascading select');
      const { value: parent, child } = parsed.data;
      return { value: child === undefined ? { value: parent } : { value: parent, child: { value: child } } };
    }
    case 'user':
      return { user: value };
    case 'date': {
      // An instant from a date-time field on the other side keeps its day.
      const day = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] : undefined;
      return day ? { value: day } : expected('a date (YYYY-MM-DD)');
    }
    case 'datetime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return expected('a date and time');
      return {
        value: /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000+0000` : isoToJiraTime(value),
      };
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? { value: n } : expected('a number');
    }
    case 'string':
      return typeof value === 'string' || typeof value === 'number'
        ? { value: String(value) }
        : expected('text');
    case 'strings': {
      const values = z.array(z.string()).safeParse(value);
      return values.success ? { value: values.data } : expected('a list of labels');
    }
    case 'raw':
      return { value };
  }
}

/** Jira takes estimates as durations; whole minutes, as Jira keeps them. */
function timeTrackingInput(field: NamedField, sub: string, value: Json): Converted {
  const parsed = TimeTracking.safeParse(sub === '' ? value : { [sub]: value });
  if (
    !parsed.success ||
    (sub !== '' && !['originalEstimateSeconds', 'remainingEstimateSeconds'].includes(sub))
  )
    return {
      problem: `${field.name} takes originalEstimateSeconds and remainingEstimateSeconds, not ${describe(value)}`,
    };
  const minutes = (s: number) => `${Math.round(s / 60)}m`;
  const t = parsed.data;
  return {
    value: {
      ...(t.originalEstimateSeconds === undefined
        ? {}
        : { originalEstimate: minutes(t.originalEstimateSeconds) }),
      ...(t.remainingEstimateSeconds === undefined
        ? {}
        : { remainingEstimate: minutes(t.remainingEstimateSeconds) }),
    },
  };
}

const nest = (keys: string[], value: Json): Json => keys.reduceRight<Json>((acc, k) => ({ [k]: acc }), value);
