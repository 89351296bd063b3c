import type { Site } from '../site';
import type { Comment, Issue, Json } from '../state';

/**
 * A comment record on an issue, stored as addComment stores it (platform OpenAPI `Comment`: author, body,
 * created and updated, visibility, properties). What else a comment does is the caller's: the REST route
 * moves the issue's `updated` and sends `avi:jira:commented:issue`; seeds set their own times and send none.
 */
export function storeComment(
  site: Site,
  issue: Issue,
  authorId: string,
  body: Json,
  opts: { at?: number; visibility?: Comment['visibility']; properties?: Comment['properties'] } = {},
): Comment {
  const at = opts.at ?? site.now();
  const comment: Comment = {
    id: site.nextId('comment'),
    issueId: issue.id,
    authorId,
    updateAuthorId: authorId,
    body,
    created: at,
    updated: at,
    visibility: opts.visibility ?? null,
    properties: opts.properties ?? {},
  };
  site.state.comments[comment.id] = comment;
  return comment;
}
