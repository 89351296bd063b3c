/**
 * The fields beyond an issue's core ones: the system fields fixVersions, versions (affects versions),
 * components, duedate and timetracking, and custom fields of Jira Cloud's common types. Each is stored in
 * `issue.customFields` by field id, in the form below, read in the JSON Jira answers and written in the
 * JSON Jira accepts, as the platform OpenAPI's "Edit issue" / "Create issue" describe field input
 * (`IssueUpdateDetails.fields`, and the "Field input formats" the Edit issue page links to):
 *
 * | field | stored | read | written |
 * |---|---|---|---|
 * | fixVersions, versions | version ids | `[Version]` | `[{id}]` or `[{name}]` |
 * | components | component ids | `[ProjectComponent]` | `[{id}]` or `[{name}]` |
 * | duedate, date picker | `YYYY-MM-DD` | the same | the same |
 * | timetracking | `{originalEstimateSeconds?, remainingEstimateSeconds?}` | `TimeTrackingDetails` | `{originalEstimate?, remainingEstimate?}` as durations (`1w 2d 3h 4m`) |
 * | select | option id | `{self, value, id}` | `{value}` or `{id}` |
 * | multi select | option ids | `[{self, value, id}]` | `[{value}]` or `[{id}]` |
 * | cascading select | `{parent, child?}` option ids | `{self, value, id, child?: {self, value, id}}` | `{value, child?: {value}}` or by `id` |
 * | user picker | account id | `User` | `{accountId}` |
 * | date-time | epoch ms | Jira's instant (`2026-11-24T05:56:11.123+0000`) | an ISO 8601 instant |
 * | number, URL, text, labels | the value | the same | the same |
 *
 * A value Jira would refuse (an option not in the field's context, a version the project lacks) is an error
 * keyed by the field, as Jira reports it; `null` clears the field.
 */
import { z } from 'zod';
import { renderUserById } from '../render/user';
import type { Site } from '../site';
import {
  removeEntry,
  type Component,
  type CustomField,
  type FieldOption,
  type Json,
  type JsonRecord,
  type Version,
} from '../state';
import { formatJiraTime } from '../time';

/** The system fields this module owns (their `JsonTypeBean`s are in catalog.ts's SYSTEM_FIELDS). */
export const TYPED_SYSTEM_FIELD_IDS = ['fixVersions', 'versions', 'components', 'duedate', 'timetracking'];

const SYSTEM_IDS: ReadonlySet<string> = new Set(TYPED_SYSTEM_FIELD_IDS);
export const isTypedSystemField = (id: string): boolean => SYSTEM_IDS.has(id);

/** `schema` of a custom field in GET /rest/api/3/field, by Jira Cloud's custom field type keys. */
export function customSchema(f: CustomField): { type: string; items?: string; custom: string } {
  const key = (name: string) => `com.atlassian.jira.plugin.system.customfieldtypes:${name}`;
  switch (f.type) {
    case 'string':
      return { type: 'string', custom: key('textfield') };
    case 'number':
      return { type: 'number', custom: key('float') };
    case 'select':
      return { type: 'option', custom: key('select') };
    case 'multiselect':
      return { type: 'array', items: 'option', custom: key('multiselect') };
    case 'cascadingselect':
      return { type: 'option-with-child', custom: key('cascadingselect') };
    case 'userpicker':
      return { type: 'user', custom: key('userpicker') };
    case 'datepicker':
      return { type: 'date', custom: key('datepicker') };
    case 'datetime':
      return { type: 'datetime', custom: key('datetime') };
    case 'url':
      return { type: 'string', custom: key('url') };
    case 'labels':
      return { type: 'array', items: 'string', custom: key('labels') };
  }
}

// --- reading ------------------------------------------------------------------------------------------------

const StoredIds = z.array(z.string());
const StoredCascade = z.object({ parent: z.string(), child: z.string().optional() });
const StoredTime = z.object({
  originalEstimateSeconds: z.number().optional(),
  remainingEstimateSeconds: z.number().optional(),
});

const renderVersion = (site: Site, v: Version): Record<string, unknown> => ({
  self: `${site.api}/version/${v.id}`,
  id: v.id,
  name: v.name,
  ...(v.description === undefined ? {} : { description: v.description }),
  archived: v.archived,
  released: v.released,
  ...(v.releaseDate === undefined ? {} : { releaseDate: v.releaseDate }),
  projectId: Number(v.projectId),
});

const renderComponent = (site: Site, c: Component): Record<string, unknown> => ({
  self: `${site.api}/component/${c.id}`,
  id: c.id,
  name: c.name,
  ...(c.description === undefined ? {} : { description: c.description }),
});

const renderOption = (site: Site, o: { id: string; value: string }): Record<string, unknown> => ({
  self: `${site.api}/customFieldOption/${o.id}`,
  value: o.value,
  id: o.id,
});

export { renderVersion, renderComponent };

/** Jira's duration as it renders one: weeks of 5 days of 8 hours (its defaults), largest units first. */
export function formatDuration(seconds: number): string {
  const units: [string, number][] = [
    ['w', 5 * 8 * 3600],
    ['d', 8 * 3600],
    ['h', 3600],
    ['m', 60],
  ];
  let rest = Math.round(seconds / 60) * 60;
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.length > 0 ? parts.join(' ') : '0m';
}

/** `1w 2d 3h 4m` (any subset, in that order) or a bare number of minutes, Jira's default unit; else undefined. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 60;
  const match = /^(?:(\d+)w)?\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/.exec(trimmed);
  if (!match || trimmed === '') return undefined;
  const [, w = '0', d = '0', h = '0', m = '0'] = match;
  return ((Number(w) * 5 + Number(d)) * 8 * 60 + Number(h) * 60 + Number(m)) * 60;
}

/** The field's value as GET issue renders it; null when unset. */
export function renderTypedField(site: Site, issueId: string, stored: Json | undefined, id: string): unknown {
  // Jira answers an issue without versions or components with empty lists, and no estimates as `{}`.
  if (stored === undefined || stored === null)
    return id === 'timetracking' ? {} : ['fixVersions', 'versions', 'components'].includes(id) ? [] : null;
  if (id === 'fixVersions' || id === 'versions') {
    const ids = StoredIds.parse(stored);
    return ids.flatMap((v) => (site.state.versions[v] ? [renderVersion(site, site.state.versions[v])] : []));
  }
  if (id === 'components') {
    const ids = StoredIds.parse(stored);
    return ids.flatMap((c) =>
      site.state.components[c] ? [renderComponent(site, site.state.components[c])] : [],
    );
  }
  if (id === 'timetracking') return renderTimeTracking(site, issueId, StoredTime.parse(stored));
  if (id === 'duedate') return stored;
  const def = site.customField(id);
  if (!def) return stored;
  const options = def.options ?? [];
  switch (def.type) {
    case 'select': {
      const option = options.find((o) => o.id === stored);
      return option ? renderOption(site, option) : null;
    }
    case 'multiselect':
      return StoredIds.parse(stored).flatMap((o) => {
        const option = options.find((x) => x.id === o);
        return option ? [renderOption(site, option)] : [];
      });
    case 'cascadingselect': {
      const { parent, child } = StoredCascade.parse(stored);
      const option = options.find((o) => o.id === parent);
      if (!option) return null;
      const childOption = option.children?.find((c) => c.id === child);
      return {
        ...renderOption(site, option),
        ...(childOption ? { child: renderOption(site, childOption) } : {}),
      };
    }
    case 'userpicker':
      return renderUserById(site, z.string().parse(stored));
    case 'datetime':
      return formatJiraTime(z.number().parse(stored));
    default:
      return stored;
  }
}

/** `TimeTrackingDetails`: the estimates, and the time the issue's worklogs book. */
function renderTimeTracking(
  site: Site,
  issueId: string,
  t: z.infer<typeof StoredTime>,
): Record<string, unknown> {
  const spent = site.worklogsOf(issueId).reduce((sum, w) => sum + w.timeSpentSeconds, 0);
  const out: Record<string, unknown> = {};
  if (t.originalEstimateSeconds !== undefined) {
    out.originalEstimate = formatDuration(t.originalEstimateSeconds);
    out.originalEstimateSeconds = t.originalEstimateSeconds;
  }
  if (t.remainingEstimateSeconds !== undefined) {
    out.remainingEstimate = formatDuration(t.remainingEstimateSeconds);
    out.remainingEstimateSeconds = t.remainingEstimateSeconds;
  }
  if (spent > 0) {
    out.timeSpent = formatDuration(spent);
    out.timeSpentSeconds = spent;
  }
  return out;
}

/** The display string of a stored value, for the changelog's fromString/toString. */
export function typedFieldText(site: Site, id: string, stored: Json | undefined): string | null {
  const rendered = renderTypedField(site, '', stored, id);
  if (rendered === null || rendered === undefined) return null;
  const named = z.array(z.looseObject({ name: z.string() })).safeParse(rendered);
  if (named.success) return named.data.map((n) => n.name).join(', ') || null;
  const values = z.array(z.looseObject({ value: z.string() })).safeParse(rendered);
  if (values.success) return values.data.map((n) => n.value).join(', ') || null;
  const one = z
    .looseObject({ value: z.string(), child: z.looseObject({ value: z.string() }).optional() })
    .safeParse(rendered);
  if (one.success) return one.data.child ? `${one.data.value} - ${one.data.child.value}` : one.data.value;
  const user = z.looseObject({ displayName: z.string() }).safeParse(rendered);
  if (user.success) return user.data.displayName;
  if (id === 'timetracking') {
    // Jira's changelog names estimates in seconds (its timeoriginalestimate item).
    const t = StoredTime.safeParse(stored);
    const seconds = t.success ? t.data.originalEstimateSeconds : undefined;
    return seconds === undefined ? null : String(seconds);
  }
  return typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
}

// --- writing ------------------------------------------------------------------------------------------------

const Ref = z.looseObject({ id: z.string().optional(), name: z.string().optional() });
const OptionRef = z.looseObject({ id: z.string().optional(), value: z.string().optional() });
const CascadeRef = z.looseObject({
  id: z.string().optional(),
  value: z.string().optional(),
  child: OptionRef.optional(),
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** Where a write puts a value: the draft's stored values and the issue's project. */
export interface TypedTarget {
  readonly projectId: string;
  readonly customFields: JsonRecord;
}

/** Whether this module writes `field` on the site: a typed system field or any custom field. */
export const ownsField = (site: Site, field: string): boolean =>
  isTypedSystemField(field) || site.customField(field) !== undefined;

/** Applies one `fields` entry; problems go into `errors` under the field's id, as Jira reports them. */
export function setTypedField(
  site: Site,
  target: TypedTarget,
  field: string,
  value: unknown,
  errors: Record<string, string>,
): void {
  const store = (stored: Json | undefined) => {
    if (stored === undefined || stored === null || (Array.isArray(stored) && stored.length === 0))
      removeEntry(target.customFields, field);
    else target.customFields[field] = stored;
  };
  const result = typedValue(site, target, field, value);
  if ('error' in result) errors[field] = result.error;
  else store(result.stored);
}

type Typed = { stored: Json | undefined } | { error: string };

function typedValue(site: Site, target: TypedTarget, field: string, value: unknown): Typed {
  if (value === null) return { stored: undefined };
  switch (field) {
    case 'fixVersions':
    case 'versions':
      return refs(value, site.versionsOf(target.projectId), 'Version');
    case 'components':
      return refs(value, site.componentsOf(target.projectId), 'Component');
    case 'duedate':
      return dateValue(value);
    case 'timetracking':
      return timeTracking(value, target.customFields.timetracking);
  }
  const def = site.customField(field);
  if (!def)
    return { error: `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.` };
  const options = (def.options ?? []).filter((o) => !o.disabled);
  switch (def.type) {
    case 'string':
    case 'url': {
      const text = z.string().safeParse(value);
      if (!text.success) return { error: 'Operation value must be a string' };
      if (def.type === 'url' && !URL.canParse(text.data)) return { error: 'Not a valid URL' };
      return { stored: text.data === '' ? undefined : text.data };
    }
    case 'number': {
      const n = z.number().safeParse(value);
      return n.success ? { stored: n.data } : { error: 'Operation value must be a number' };
    }
    case 'labels': {
      const labels = z.array(z.string()).safeParse(value);
      if (!labels.success) return { error: 'Labels must be an array of strings.' };
      const bad = labels.data.find((l) => /\s/.test(l) || l === '');
      return bad === undefined
        ? { stored: [...new Set(labels.data)] }
        : { error: `The label '${bad}' contains spaces which is invalid.` };
    }
    case 'datepicker':
      return dateValue(value);
    case 'datetime': {
      const text = z.string().safeParse(value);
      const ms = text.success ? Date.parse(text.data.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
      return Number.isNaN(ms)
        ? { error: `Error parsing date string: ${JSON.stringify(value)}` }
        : { stored: ms };
    }
    case 'userpicker': {
      const ref = z.looseObject({ accountId: z.string() }).safeParse(value);
      if (!ref.success || !site.user(ref.data.accountId))
        return { error: 'Specified user does not exist or you do not have required permissions' };
      return { stored: ref.data.accountId };
    }
    case 'select': {
      const found = option(options, value);
      return 'error' in found ? found : { stored: found.option.id };
    }
    case 'multiselect': {
      const list = z.array(z.unknown()).safeParse(value);
      if (!list.success) return { error: 'Operation value must be an array of options' };
      const ids: string[] = [];
      for (const item of list.data) {
        const found = option(options, item);
        if ('error' in found) return found;
        ids.push(found.option.id);
      }
      return { stored: [...new Set(ids)] };
    }
    case 'cascadingselect':
      return cascade(options, value);
  }
}

function refs(value: unknown, items: readonly { id: string; name: string }[], what: string): Typed {
  const list = z.array(Ref).safeParse(value);
  if (!list.success) return { error: `${what}s must be an array of objects with an id or a name` };
  const ids: string[] = [];
  for (const ref of list.data) {
    // `{id}` wins over `{name}`, as elsewhere in Jira's field input.
    const found = items.find((i) => (ref.id !== undefined ? i.id === ref.id : i.name === ref.name));
    if (!found)
      return {
        error:
          ref.id !== undefined
            ? `${what} id '${ref.id}' is not valid`
            : `${what} name '${ref.name ?? ''}' is not valid`,
      };
    ids.push(found.id);
  }
  return { stored: [...new Set(ids)] };
}

function dateValue(value: unknown): Typed {
  const text = z.string().safeParse(value);
  if (!text.success || !validDate(text.data)) return { error: `Error parsing date string: ${String(value)}` };
  return { stored: text.data };
}

/**
 * `{originalEstimate?, remainingEstimate?}`: an estimate left out keeps its value. Setting only the original
 * estimate of an issue without a remaining one sets both, as Jira does when time tracking starts.
 */
function timeTracking(value: unknown, before: Json | undefined): Typed {
  const input = z
    .looseObject({ originalEstimate: z.string().optional(), remainingEstimate: z.string().optional() })
    .safeParse(value);
  if (!input.success) return { error: 'Time tracking must be an object of estimates' };
  const old = StoredTime.safeParse(before ?? {});
  const next: {
    originalEstimateSeconds?: number | undefined;
    remainingEstimateSeconds?: number | undefined;
  } = old.success ? { ...old.data } : {};
  const { originalEstimate, remainingEstimate } = input.data;
  if (originalEstimate !== undefined) {
    const seconds = parseDuration(originalEstimate);
    if (seconds === undefined) return { error: 'The original estimate specified is not valid.' };
    next.originalEstimateSeconds = seconds;
    if (remainingEstimate === undefined && next.remainingEstimateSeconds === undefined)
      next.remainingEstimateSeconds = seconds;
  }
  if (remainingEstimate !== undefined) {
    const seconds = parseDuration(remainingEstimate);
    if (seconds === undefined) return { error: 'The remaining estimate specified is not valid.' };
    next.remainingEstimateSeconds = seconds;
  }
  return {
    stored: {
      ...(next.originalEstimateSeconds === undefined
        ? {}
        : { originalEstimateSeconds: next.originalEstimateSeconds }),
      ...(next.remainingEstimateSeconds === undefined
        ? {}
        : { remainingEstimateSeconds: next.remainingEstimateSeconds }),
    },
  };
}

function option(
  options: readonly { id: string; value: string }[],
  value: unknown,
): { option: { id: string; value: string } } | { error: string } {
  const ref = OptionRef.safeParse(value);
  if (!ref.success) return { error: 'Option must be an object with an id or a value' };
  const found = options.find((o) =>
    ref.data.id !== undefined ? o.id === ref.data.id : o.value === ref.data.value,
  );
  if (found) return { option: found };
  return {
    error:
      ref.data.id !== undefined
        ? `Option id '${ref.data.id}' is not valid`
        : `Option value '${ref.data.value ?? ''}' is not valid`,
  };
}

function cascade(options: readonly FieldOption[], value: unknown): Typed {
  const ref = CascadeRef.safeParse(value);
  if (!ref.success) return { error: 'Option must be an object with an id or a value' };
  const parent = option(options, ref.data);
  if ('error' in parent) return parent;
  const parentOption = options.find((o) => o.id === parent.option.id);
  if (ref.data.child === undefined) return { stored: { parent: parent.option.id } };
  const child = option(parentOption?.children ?? [], ref.data.child);
  if ('error' in child) return { error: `${child.error} for the parent option '${parent.option.value}'` };
  return { stored: { parent: parent.option.id, child: child.option.id } };
}

// --- metadata -----------------------------------------------------------------------------------------------

/** `allowedValues` of editmeta and createmeta: what a write may name. */
export function allowedValues(site: Site, projectId: string, field: string): unknown[] | undefined {
  if (field === 'fixVersions' || field === 'versions')
    return site
      .versionsOf(projectId)
      .filter((v) => !v.archived)
      .map((v) => renderVersion(site, v));
  if (field === 'components') return site.componentsOf(projectId).map((c) => renderComponent(site, c));
  const def = site.customField(field);
  if (!def?.options) return undefined;
  return def.options
    .filter((o) => !o.disabled)
    .map((o) => ({
      ...renderOption(site, o),
      ...(o.children ? { children: o.children.map((c) => renderOption(site, c)) } : {}),
    }));
}
