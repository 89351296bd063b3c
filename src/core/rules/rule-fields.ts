/**
 * Rules checked against both sides' field catalogs (schema/field-catalog.ts), before they are saved: a rule
 * that moves values from one field into another whose type cannot hold them (a select into a number) is
 * refused with a reason naming both fields and types, and a rule between two fields with option lists
 * (selects, statuses, priorities) must map each option the other side lacks. The settings page runs it as
 * the admin edits, the server again on save (connections/save), which is the authority.
 *
 * Fields a catalog does not list, and catalogs that could not be read, give warnings, never refusals: the
 * engine knows paths no catalog lists (an issue's `key`), and a partner that is down must not block a save.
 */
import type { CatalogField, FieldCatalog, FieldType } from '../schema/field-catalog';
import { WILDCARD, type Rule, type ValueMap } from '../schema/rules';

export interface RuleFieldProblem {
  /** Where in the rule list, as the settings page marks errors: `3.remote`. */
  path: string;
  message: string;
}

export interface RuleFieldCheck {
  errors: RuleFieldProblem[];
  warnings: RuleFieldProblem[];
}

export type Side = 'local' | 'remote';

/** A catalog, or null when it could not be read; `label` names the side in messages ("remote Jira"). */
export interface SideCatalog {
  label: string;
  catalog: FieldCatalog | null;
}

/** A rule path resolved in a catalog: the field and the type of the value at that path. */
export interface ResolvedPath {
  field: CatalogField;
  type: FieldType;
}

const TEXTUAL: ReadonlySet<FieldType> = new Set(['text', 'richtext', 'url']);
/** One value named from a list the tracker keeps. */
const NAMED: ReadonlySet<FieldType> = new Set([
  'select',
  'status',
  'priority',
  'issuetype',
  'version',
  'component',
]);
const LISTS: ReadonlySet<FieldType> = new Set(['multiselect', 'labels', 'versions', 'components']);
/**
 * Types whose options a value map must cover. Versions and components are left out on purpose: one the other
 * project lacks is created there when the rule says so (createMissing), not mapped.
 */
const OPTIONED: ReadonlySet<FieldType> = new Set([
  'select',
  'multiselect',
  'status',
  'priority',
  'issuetype',
]);
/** Parts of a person that are plain text: `assignee.email`. */
const USER_TEXT = new Set(['email', 'displayName', 'id', 'name', 'login', 'username']);

/**
 * Whether a value of type `from` can be written into a field of type `to`, as the connectors convert
 * (jira-fields.ts writeNamedField: an option takes a string, a number a number, a list one value or more).
 */
export function converts(from: FieldType, to: FieldType): boolean {
  if (from === to || from === 'unknown' || to === 'unknown') return true;
  // The one list that fits into one value: a version list into a milestone (GitHub's and GitLab's one
  // "version"). The connector writes a list of one as its one value and refuses several, naming them
  // (connectors/common/milestone-title.ts).
  if (from === 'versions' && to === 'version') return true;
  if (TEXTUAL.has(to))
    return TEXTUAL.has(from) || NAMED.has(from) || ['number', 'date', 'datetime'].includes(from);
  if (NAMED.has(to)) return NAMED.has(from) || TEXTUAL.has(from);
  // One named value becomes a list of one; a list never fits into one value.
  if (LISTS.has(to)) return LISTS.has(from) || NAMED.has(from);
  if (to === 'users') return from === 'user';
  if (to === 'date' || to === 'datetime') return from === 'date' || from === 'datetime';
  return false;
}

/** The field a rule path names: a path the catalog lists, else its first segment as a field id or name. */
export function resolvePath(
  catalog: FieldCatalog,
  path: string,
): ResolvedPath | { ambiguous: CatalogField[] } | undefined {
  const listed = catalog.fields.find((f) => f.paths.includes(path));
  const [head = path, ...rest] = path.split('.');
  const sub = rest.join('.');
  let field = listed;
  if (!field) {
    const byId = catalog.fields.find((f) => f.id === head);
    const byName = catalog.fields.filter((f) => f.name === head);
    if (!byId && byName.length > 1) return { ambiguous: byName };
    field = byId ?? byName[0];
  }
  if (!field) return undefined;
  // A person's email or name is text; other parts (`status.name`, a select's `value`) keep the field's type.
  const part = listed && listed.paths[0] === path ? '' : sub;
  const type = (field.type === 'user' || field.type === 'users') && USER_TEXT.has(part) ? 'text' : field.type;
  return { field, type };
}

interface Named {
  side: Side;
  label: string;
  path: string;
  resolved: ResolvedPath;
}

const describe = (n: Named): string => `${n.side} "${n.resolved.field.name}" (${n.resolved.type})`;

/** The paths each side of a rule names, and which way its values move. */
function shapeOf(rule: Rule): { local: string[]; remote: string[]; moves: { from: Side; to: Side }[] } {
  const toLocal = { from: 'remote' as const, to: 'local' as const };
  const toRemote = { from: 'local' as const, to: 'remote' as const };
  switch (rule.kind) {
    case 'two-way':
      return { local: [rule.local], remote: [rule.remote], moves: [toRemote, toLocal] };
    case 'one-way':
      return { local: [rule.local], remote: [rule.remote], moves: [toLocal] };
    case 'to-remote':
      return { local: [rule.local], remote: [rule.remote], moves: [toRemote] };
    case 'default':
      return {
        local: [rule.local],
        remote: rule.remote === undefined ? [] : [rule.remote],
        moves: [toLocal],
      };
    // A table's values are the admin's own: only its fields are looked up.
    case 'multi-to-remote':
      return { local: rule.locals, remote: [rule.remote], moves: [] };
    case 'message-from-field':
      return { local: [], remote: [rule.remote], moves: [] };
    default:
      return { local: [], remote: [], moves: [] };
  }
}

/** The values a map gives for `from`'s options (a wildcard row covers every option). */
function unmapped(
  options: readonly string[],
  others: readonly string[],
  map: ValueMap | undefined,
  from: Side,
) {
  const have = new Set(others);
  const keys = new Set((map ?? []).map((row) => row[from]));
  if (keys.has(WILDCARD)) return [];
  return options.filter((o) => !have.has(o) && !keys.has(o));
}

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

export function checkRuleFields(rules: readonly Rule[], catalogs: Record<Side, SideCatalog>): RuleFieldCheck {
  const out: RuleFieldCheck = { errors: [], warnings: [] };
  for (const side of ['local', 'remote'] as const) {
    const { label, catalog } = catalogs[side];
    if (catalog === null && rules.some((r) => shapeOf(r)[side].length > 0))
      out.warnings.push({
        path: '',
        message: `${label}'s fields could not be read: its fields are not checked`,
      });
  }
  rules.forEach((rule, i) => {
    const shape = shapeOf(rule);
    const named: Partial<Record<Side, Named>> = {};
    for (const side of ['local', 'remote'] as const) {
      const { label, catalog } = catalogs[side];
      if (catalog === null) continue;
      for (const path of shape[side]) {
        const at = `${i}.${rule.kind === 'multi-to-remote' && side === 'local' ? 'locals' : side}`;
        const resolved = resolvePath(catalog, path);
        if (resolved === undefined)
          out.warnings.push({ path: at, message: `${label} lists no field "${path}"; it is not checked` });
        else if ('ambiguous' in resolved)
          out.warnings.push({
            path: at,
            message: `${label} has ${resolved.ambiguous.length} fields named "${path}" (${resolved.ambiguous.map((f) => f.id).join(', ')}); name one by its id`,
          });
        else named[side] = { side, label, path, resolved };
      }
    }
    const { local, remote } = named;
    if (!local || !remote || shape.moves.length === 0) return;
    const ends = { local, remote };
    const refused = shape.moves.find((m) => !converts(ends[m.from].resolved.type, ends[m.to].resolved.type));
    if (refused) {
      const from = ends[refused.from].resolved.type;
      const to = ends[refused.to].resolved.type;
      const why = `a ${to} field cannot hold ${from} values`;
      out.errors.push({
        path: `${i}.remote`,
        message:
          shape.moves.length > 1
            ? `${describe(local)} and ${describe(remote)} cannot sync both ways: ${why}`
            : `${describe(ends[refused.from])} cannot be written into ${describe(ends[refused.to])}: ${why}`,
      });
      return;
    }
    const map = 'map' in rule ? rule.map : undefined;
    const lo = local.resolved;
    const re = remote.resolved;
    if (!OPTIONED.has(lo.type) || !OPTIONED.has(re.type) || !lo.field.options || !re.field.options) return;
    const missing = shape.moves.flatMap((m) => {
      const lacking = unmapped(
        ends[m.from].resolved.field.options ?? [],
        ends[m.to].resolved.field.options ?? [],
        map,
        m.from,
      );
      return lacking.length === 0
        ? []
        : [`${describe(ends[m.from])} has ${quoted(lacking)}, which ${describe(ends[m.to])} lacks`];
    });
    if (missing.length > 0)
      out.errors.push({
        // On the row, next to the remote field, where the admin looks; the map is in the rule's details.
        path: `${i}.remote`,
        message: `the options differ, so this rule needs a value map for them: ${missing.join('; ')}`,
      });
  });
  return out;
}
