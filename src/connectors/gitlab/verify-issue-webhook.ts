/**
 * Near-real-time incoming from GitLab: an `Issue Hook` or a `Note Hook` on an issue, verified by the
 * X-Gitlab-Token header (the secret token set on the webhook) in constant time, with a second token
 * accepted during rotation. A verified event names the issue to re-read through the API.
 */
import { z } from 'zod';
import { matchesAny } from '../common/safe-equal';

export type GitLabWebhookCheck =
  /** 401: no or a wrong signature, nothing may be read; 422: signed, but not the event it says it is. */
  | { ok: false; status: 401 | 422; reason: string }
  | { ok: true; event: { project: string; issueIid: number; action: string; kind: 'issue' | 'note' } }
  /** Verified, but nothing to sync: a push, a merge request, a note on a commit. */
  | { ok: true; event: undefined };

const Project = z.object({ path_with_namespace: z.string() });

export const IssueHookSchema = z.object({
  object_kind: z.literal('issue'),
  project: Project,
  object_attributes: z.object({ iid: z.number(), action: z.string().optional() }),
});

export const NoteHookSchema = z.object({
  object_kind: z.literal('note'),
  project: Project,
  object_attributes: z.object({ noteable_type: z.string(), action: z.string().optional() }),
  issue: z.object({ iid: z.number() }).optional(),
});

const header = (headers: Readonly<Record<string, string | undefined>>, name: string) =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

export function verifyGitLabWebhook(
  secrets: readonly string[],
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: string,
): GitLabWebhookCheck {
  const token = header(headers, 'x-gitlab-token');
  if (!token) return { ok: false, status: 401, reason: 'missing X-Gitlab-Token' };
  if (!matchesAny(secrets, token))
    return { ok: false, status: 401, reason: 'X-Gitlab-Token does not match this connection’s secret' };
  const kind = header(headers, 'x-gitlab-event');
  if (kind !== 'Issue Hook' && kind !== 'Note Hook' && kind !== 'Confidential Issue Hook')
    return { ok: true, event: undefined };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 422, reason: 'the body is not JSON' };
  }
  if (kind === 'Note Hook') {
    const note = NoteHookSchema.safeParse(body);
    if (!note.success)
      return { ok: false, status: 422, reason: `not a note event: ${note.error.issues[0]?.message ?? ''}` };
    const { project, object_attributes: attrs, issue } = note.data;
    if (attrs.noteable_type !== 'Issue' || !issue) return { ok: true, event: undefined };
    return {
      ok: true,
      event: {
        project: project.path_with_namespace,
        issueIid: issue.iid,
        action: attrs.action ?? 'create',
        kind: 'note',
      },
    };
  }
  const hook = IssueHookSchema.safeParse(body);
  if (!hook.success)
    return { ok: false, status: 422, reason: `not an issue event: ${hook.error.issues[0]?.message ?? ''}` };
  const { project, object_attributes: attrs } = hook.data;
  return {
    ok: true,
    event: {
      project: project.path_with_namespace,
      issueIid: attrs.iid,
      action: attrs.action ?? 'update',
      kind: 'issue',
    },
  };
}
