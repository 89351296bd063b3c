/**
 * The local site's fields (`GET /rest/api/3/field`, as the calling admin), for the rule editor's field
 * picker. Each field comes with the dotted paths a rule can use for it: Jira objects are compared by a
 * readable part (`status.name`, `assignee.email`, a select's `value`), as the default rules do.
 */
import api, { route } from '@forge/api';
import { z } from 'zod';
import { TrackerError, codeForStatus } from '../../core/errors';
import type { FieldInfo } from '../../core/schema/resolver-answers';

const JiraFieldSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z.looseObject({ type: z.string(), items: z.string().optional() }).optional(),
});

const NAMED = new Set(['status', 'priority', 'issuetype', 'resolution', 'project', 'version', 'component']);
const OPTION = new Set(['option', 'option-with-child']);
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

function pathsFor(id: string, type: string | undefined): string[] {
  if (type === undefined) return [id];
  if (NAMED.has(type)) return [`${id}.name`, id];
  if (type === 'user') return [`${id}.email`, `${id}.displayName`, id];
  if (OPTION.has(type)) return [`${id}.value`, id];
  return [id];
}

export async function listSiteFields(): Promise<FieldInfo[]> {
  const res = await api.asUser().requestJira(route`/rest/api/3/field`, {
    headers: { Accept: 'application/json' },
  });
  if (!res.ok)
    throw new TrackerError(codeForStatus(res.status), `Jira could not list its fields (${res.status})`);
  const fields = z.array(JiraFieldSchema).parse(await res.json());
  return fields
    .filter((f) => SAFE_ID.test(f.id))
    .map((f) => ({
      id: f.id,
      name: f.name,
      custom: f.custom ?? false,
      paths: pathsFor(f.id, f.schema?.type),
    }))
    .sort((a, b) => Number(a.custom) - Number(b.custom) || a.name.localeCompare(b.name));
}
