/**
 * GitLab's issue fields as a rule names them: a fixed set, as gitlab-mapping.ts reads them and
 * gitlab-write.ts writes them. The shapes are GitLab's REST issue object ("Issues API", single project issue,
 * https://docs.gitlab.com/api/issues/#single-project-issue): `title`, `description` (Markdown), `state`
 * (opened or closed), `labels`, `assignees` (the first as `assignee`), `milestone`, `due_date`,
 * `confidential`, `author`. Custom fields are not part of the issues REST API, so there is nothing to ask the
 * project.
 */
import type { FieldCatalog } from '../../core/schema/field-catalog';

export const GITLAB_FIELDS: FieldCatalog = {
  fields: [
    { id: 'title', name: 'Title', type: 'text', paths: ['title'] },
    { id: 'description', name: 'Description', type: 'richtext', paths: ['description'] },
    {
      id: 'state',
      name: 'State',
      type: 'status',
      paths: ['state', 'state.name'],
      options: ['opened', 'closed'],
    },
    { id: 'labels', name: 'Labels', type: 'labels', paths: ['labels'] },
    { id: 'assignee', name: 'Assignee', type: 'user', paths: ['assignee', 'assignee.id', 'assignee.email'] },
    { id: 'assignees', name: 'Assignees', type: 'users', paths: ['assignees'] },
    { id: 'milestone', name: 'Milestone', type: 'version', paths: ['milestone.title', 'milestone'] },
    { id: 'due_date', name: 'Due date', type: 'date', paths: ['due_date'] },
    { id: 'confidential', name: 'Confidential', type: 'boolean', paths: ['confidential'] },
    { id: 'author', name: 'Author', type: 'user', paths: ['author'] },
  ],
  notes: [],
};
