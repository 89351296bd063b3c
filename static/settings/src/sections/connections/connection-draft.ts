/** A connection being edited: the saved shape with every default filled, as the schema gives it. */
import {
  ConnectionSchema,
  type Connection,
  type TrackerKind,
} from '../../../../../src/core/schema/connection';
import { DEFAULT_RULES } from '../../../../../src/core/schema/default-rules';

const KIND_NAMES: Record<TrackerKind, string> = {
  jira: 'Jira',
  github: 'GitHub',
  gitlab: 'GitLab',
  redmine: 'Redmine',
  'azure-devops': 'Azure DevOps',
  gropius: 'Gropius',
};

export function newConnection(projectKey: string, kind: TrackerKind): Connection {
  return ConnectionSchema.parse({
    id: `${projectKey.toLowerCase()}-${kind}`,
    name: `${projectKey} ↔ ${KIND_NAMES[kind]}`,
    localProject: projectKey,
    remote: { kind, project: 'PROJECT' },
    rules: DEFAULT_RULES[kind],
  });
}

/**
 * A new connection switched to another kind of tracker: what the admin has not changed yet (rules, name,
 * id) follows the new kind's defaults, since Jira's field names mean nothing to GitHub. Anything they
 * edited stays as they wrote it.
 */
export function withKind(draft: Connection, kind: TrackerKind): Connection {
  const before = newConnection(draft.localProject, draft.remote.kind);
  const after = newConnection(draft.localProject, kind);
  // Both went through the schema, so equal values serialise equally.
  const untouched = (key: 'name' | 'rules') => JSON.stringify(draft[key]) === JSON.stringify(before[key]);
  // The id the page gave it, perhaps with the number that made it unique (`demo-jira-2`).
  const suffix = draft.id === before.id ? '' : /^-\d+$/.exec(draft.id.slice(before.id.length))?.[0];
  return {
    ...draft,
    remote: { ...draft.remote, kind },
    ...(untouched('name') ? { name: after.name } : {}),
    ...(draft.id.startsWith(before.id) && suffix !== undefined ? { id: after.id + suffix } : {}),
    ...(untouched('rules') ? { rules: after.rules } : {}),
  };
}

/** `My Partner Site` → `my-partner-site`: an id an admin need not invent. */
export const idFromName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
