/**
 * GitHub's issue fields as a rule names them: a fixed set, as github-mapping.ts reads them and
 * github-write.ts writes them. The shapes are GitHub's REST issue object ("Get an issue",
 * https://docs.github.com/en/rest/issues/issues#get-an-issue): `title`, `body` (Markdown), `state` (open or
 * closed) with `state_reason` (completed, not_planned, duplicate, reopened), `labels`, `assignee` and
 * `assignees`, `milestone`; `status` is Tandem's state and reason as one value (github-mapping.ts). Issues
 * have no custom fields in the REST API, so there is nothing to ask the repository.
 */
import type { FieldCatalog } from '../../core/schema/field-catalog';

export const GITHUB_FIELDS: FieldCatalog = {
  fields: [
    { id: 'title', name: 'Title', type: 'text', paths: ['title'] },
    { id: 'body', name: 'Body', type: 'richtext', paths: ['body'] },
    {
      id: 'status',
      name: 'Status (state and reason)',
      type: 'status',
      paths: ['status', 'status.name'],
      options: ['open', 'completed', 'not_planned', 'duplicate'],
    },
    {
      id: 'state',
      name: 'State',
      type: 'status',
      paths: ['state', 'state.name'],
      options: ['open', 'closed'],
    },
    {
      id: 'state_reason',
      name: 'State reason',
      type: 'select',
      paths: ['state_reason'],
      options: ['completed', 'not_planned', 'reopened'],
    },
    { id: 'labels', name: 'Labels', type: 'labels', paths: ['labels'] },
    { id: 'assignee', name: 'Assignee', type: 'user', paths: ['assignee', 'assignee.id', 'assignee.email'] },
    { id: 'assignees', name: 'Assignees', type: 'users', paths: ['assignees'] },
    { id: 'milestone', name: 'Milestone', type: 'version', paths: ['milestone.title', 'milestone'] },
    { id: 'user', name: 'Author', type: 'user', paths: ['user'] },
  ],
  notes: [],
};
