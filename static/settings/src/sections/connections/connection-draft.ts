/** A connection being edited: the saved shape with every default filled, as the schema gives it. */
import {
  ConnectionSchema,
  type Connection,
  type TrackerKind,
} from '../../../../../src/core/schema/connection';
import { JIRA_TO_JIRA_RULES } from '../../../../../src/core/schema/default-rules';

export function newConnection(projectKey: string, kind: TrackerKind): Connection {
  return ConnectionSchema.parse({
    id: `${projectKey.toLowerCase()}-${kind}`,
    name: `${projectKey} ↔ ${kind === 'jira' ? 'Jira' : kind}`,
    localProject: projectKey,
    remote: { kind, project: 'PROJECT' },
    rules: kind === 'jira' ? JIRA_TO_JIRA_RULES : [],
  });
}

/** `My Partner Site` → `my-partner-site`: an id an admin need not invent. */
export const idFromName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
