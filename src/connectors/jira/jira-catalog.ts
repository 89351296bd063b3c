/**
 * A Jira project's field catalog for the rule editor: every field the site has (GET /rest/api/3/field,
 * platform OpenAPI getFields, typed by jira-fields.ts `kindOf`, the same reading the sync converts values
 * with), the options of its selects and priorities from the project's create metadata (getProject for the
 * issue types, then getCreateIssueMetaIssueTypeId per type: `allowedValues` of each field), and the issue
 * types themselves. Data Center answers the same under /rest/api/2 (remote-transport.ts), its createmeta page
 * under `values` rather than `fields`.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import type { CatalogField, FieldCatalog, FieldType } from '../../core/schema/field-catalog';
import type { JiraClient } from './jira-client';
import { JiraFieldCatalog, kindOf, type FieldKind, type JiraField } from './jira-fields';

/** System fields by id, with the paths jira-mapping.ts reads and writes them under. */
const SYSTEM: Readonly<Record<string, { type: FieldType; paths?: string[] }>> = {
  summary: { type: 'text' },
  description: { type: 'richtext' },
  environment: { type: 'richtext' },
  status: { type: 'status', paths: ['status.name', 'status'] },
  priority: { type: 'priority', paths: ['priority.name', 'priority'] },
  issuetype: { type: 'issuetype', paths: ['issuetype.name', 'issuetype'] },
  resolution: { type: 'select', paths: ['resolution.name', 'resolution'] },
  labels: { type: 'labels' },
  assignee: { type: 'user', paths: ['assignee', 'assignee.email', 'assignee.displayName'] },
  reporter: { type: 'user', paths: ['reporter', 'reporter.email', 'reporter.displayName'] },
  creator: { type: 'user' },
  created: { type: 'datetime' },
  updated: { type: 'datetime' },
  resolutiondate: { type: 'datetime' },
};

/**
 * Not fields a value rule names: the hierarchy, comments, files, links and work logs have rule kinds of their
 * own; the project is the connection's.
 */
const LEFT_OUT = new Set([
  'parent',
  'subtasks',
  'issuelinks',
  'attachment',
  'comment',
  'worklog',
  'project',
  'statuscategorychangedate',
]);

const BY_KIND: Readonly<Record<FieldKind, FieldType>> = {
  versions: 'versions',
  components: 'components',
  timetracking: 'timetracking',
  date: 'date',
  datetime: 'datetime',
  option: 'select',
  options: 'multiselect',
  cascade: 'cascading',
  user: 'user',
  number: 'number',
  string: 'text',
  strings: 'labels',
  raw: 'unknown',
};

function typeOf(f: JiraField): FieldType {
  const system = SYSTEM[f.id];
  if (system) return system.type;
  const custom = f.schema?.custom ?? '';
  if (custom.endsWith(':url')) return 'url';
  if (custom.endsWith(':textarea')) return 'richtext';
  if (f.schema?.type === 'array' && f.schema.items === 'user') return 'users';
  return BY_KIND[kindOf(f)];
}

const ProjectSchema = z.looseObject({
  issueTypes: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(),
});
const AllowedSchema = z.looseObject({ value: z.string().optional(), name: z.string().optional() });
const MetaSchema = z.looseObject({
  fieldId: z.string(),
  allowedValues: z.array(AllowedSchema).optional(),
});
const MetaPageSchema = z.looseObject({
  total: z.number().optional(),
  fields: z.array(MetaSchema).optional(),
  values: z.array(MetaSchema).optional(),
});

/** The options each field allows on any of the project's create screens, by field id. */
async function createOptions(client: JiraClient, project: string, typeIds: readonly string[]) {
  const options = new Map<string, Set<string>>();
  for (const typeId of typeIds) {
    let startAt = 0;
    for (;;) {
      const page = await client.json(
        `/rest/api/3/issue/createmeta/${encodeURIComponent(project)}/issuetypes/${encodeURIComponent(typeId)}`,
        MetaPageSchema,
        { query: { startAt, maxResults: 200 } },
      );
      const fields = page.fields ?? page.values ?? [];
      for (const f of fields) {
        const names = (f.allowedValues ?? []).flatMap((v) => v.value ?? v.name ?? []);
        if (names.length === 0) continue;
        const known = options.get(f.fieldId) ?? new Set<string>();
        for (const n of names) known.add(n);
        options.set(f.fieldId, known);
      }
      startAt += fields.length;
      if (fields.length === 0 || startAt >= (page.total ?? 0)) break;
    }
  }
  return options;
}

/** Options are listed where a value map must cover them; versions and components are created instead. */
const LISTS_OPTIONS: ReadonlySet<FieldType> = new Set(['select', 'multiselect', 'cascading', 'priority']);

export async function readJiraCatalog(client: JiraClient, project: string): Promise<FieldCatalog> {
  const notes: string[] = [];
  const [all, info] = await Promise.all([
    new JiraFieldCatalog(client).all(),
    client.json(`/rest/api/3/project/${encodeURIComponent(project)}`, ProjectSchema),
  ]);
  const issueTypes = info.issueTypes ?? [];
  let options = new Map<string, Set<string>>();
  try {
    options = await createOptions(
      client,
      project,
      issueTypes.map((t) => t.id),
    );
  } catch (err) {
    // Reading create metadata needs Create issues in the project: without it the fields still list.
    if (!(err instanceof TrackerError) || err.isRetryable) throw err;
    notes.push(
      `${client.label} did not list the options of ${project}'s fields (${err.message}): they are not checked`,
    );
  }
  const fields: CatalogField[] = [];
  for (const f of all) {
    if (LEFT_OUT.has(f.id)) continue;
    const type = typeOf(f);
    // System fields Tandem cannot read as values (watches, votes, progress): no rule could use them.
    if (type === 'unknown' && !f.id.startsWith('customfield_')) continue;
    const listed =
      f.id === 'issuetype'
        ? issueTypes.map((t) => t.name)
        : LISTS_OPTIONS.has(type)
          ? [...(options.get(f.id) ?? [])]
          : [];
    fields.push({
      id: f.id,
      name: f.name,
      type,
      paths: SYSTEM[f.id]?.paths ?? [f.id],
      ...(listed.length > 0 ? { options: listed } : {}),
    });
  }
  fields.sort(
    (a, b) =>
      Number(a.id.startsWith('customfield_')) - Number(b.id.startsWith('customfield_')) ||
      a.name.localeCompare(b.name),
  );
  return { fields, notes };
}
