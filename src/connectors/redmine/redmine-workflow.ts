/**
 * One Redmine issue's workflow as the core's StatusWalker (walk-to-status.ts).
 *
 * - Offered transitions: `GET /issues/:id.json?include=allowed_statuses` (Redmine 5.0+, "Rest Issues":
 *   "allowed_statuses: the statuses the current user may set"), which applies the workflow of the issue's
 *   tracker for the caller's roles in the project, the current status included.
 * - The whole workflow: Redmine's REST API has no workflow resource (it is edited only in the admin UI), so
 *   `workflow()` is absent and a walk takes only the transitions offered from where the issue is: a status
 *   two steps away is refused with a reason naming both statuses, never half-reached in silence.
 * - A transition: `PUT /issues/:id.json` with `status_id`. Redmine drops a status the workflow does not
 *   allow without an error (Issue#safe_attributes= keeps `status_id` only if it is in
 *   new_statuses_allowed_to), answering 204 all the same; so every step is read back, and a step that did
 *   not land is a refusal, not a success.
 * Screens: Redmine's workflow can make fields required per status ("Fields permissions"); a required field
 * left empty answers 422 with the field named, which the client turns into an invalid_request error.
 */
import { TrackerError } from '../../core/errors';
import type { OfferedTransition, StatusWalker } from '../../core/workflow/walk-to-status';
import type { RedmineClient } from './redmine-client';
import { RedmineIssueEnvelopeSchema } from './redmine-schemas';

export function redmineStatusWalker(client: RedmineClient, issueId: string, label: string): StatusWalker {
  let read: Promise<{ status: string; allowed: { id: number; name: string }[] }> | undefined;
  const issue = () =>
    (read ??= client
      .json(`/issues/${issueId}.json`, RedmineIssueEnvelopeSchema, { query: { include: 'allowed_statuses' } })
      .then(({ issue }) => ({ status: issue.status.name, allowed: issue.allowed_statuses ?? [] })));
  return {
    current: async () => (await issue()).status,
    offered: async (): Promise<OfferedTransition[]> => {
      const { status, allowed } = await issue();
      return allowed
        .filter((s) => s.name !== status)
        .map((s) => ({ id: String(s.id), name: s.name, from: 'any', to: s.name, fields: [] }));
    },
    take: async (t) => {
      read = undefined;
      await client.empty(`/issues/${issueId}.json`, {
        method: 'PUT',
        json: { issue: { status_id: Number(t.id) } },
      });
      const now = (await issue()).status;
      if (now !== t.to)
        throw new TrackerError(
          'transition_missing',
          `${label}: Redmine kept issue ${issueId} in "${now}" when asked for "${t.to}" (its workflow refused the change)`,
        );
    },
  };
}
