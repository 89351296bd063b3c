/**
 * Server-side permission checks for resolvers, through Jira's own answer for the calling user
 * (`GET /rest/api/3/mypermissions` as that user). The UI hiding a button is not security; this is.
 *
 * One request answers every permission a resolver needs: the keys go comma-separated in `permissions`,
 * and global permissions (ADMINISTER) are answered beside the project's. `mypermissions` costs rate-limit
 * points, so guarded() asks once per invocation and hands the answer to the handler; it is never kept
 * beyond the invocation, so a revoked permission takes effect on the next call.
 */
import api, { route } from '@forge/api';
import { z } from 'zod';
import type { JiraPermission } from '../core/schema/resolver-permissions';

/** Where the permission is asked: Jira applies issue security too when given the issue. */
export type PermissionScope = { projectKey: string } | { issueId: string };

const MyPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});

export class PermissionsUnavailable extends Error {
  constructor(status: number) {
    super(`Jira could not tell the caller's permissions (${status})`);
    this.name = 'PermissionsUnavailable';
  }
}

function pathFor(scope: PermissionScope, permissions: string) {
  return 'issueId' in scope
    ? route`/rest/api/3/mypermissions?issueId=${scope.issueId}&permissions=${permissions}`
    : route`/rest/api/3/mypermissions?projectKey=${scope.projectKey}&permissions=${permissions}`;
}

/**
 * The subset of `wanted` the caller holds. Jira answers 404 for a project or issue the caller cannot
 * see (platform-openapi-v3.json, mypermissions: "the user does not have permission to view the project
 * or issue"), so that is "holds nothing"; any other failure throws, since guessing would either lock
 * people out or let them in.
 */
export async function callerPermissions(
  scope: PermissionScope,
  wanted: readonly JiraPermission[],
): Promise<ReadonlySet<JiraPermission>> {
  const res = await api.asUser().requestJira(pathFor(scope, [...new Set(wanted)].sort().join(',')), {
    headers: { Accept: 'application/json' },
  });
  if (res.status === 404 || res.status === 401 || res.status === 403) return new Set();
  if (!res.ok) throw new PermissionsUnavailable(res.status);
  const parsed = MyPermissionsSchema.safeParse(await res.json());
  if (!parsed.success) throw new PermissionsUnavailable(res.status);
  const answer = parsed.data.permissions;
  return new Set(wanted.filter((p) => answer[p]?.havePermission === true));
}
