/**
 * Server-side permission checks for resolvers, through Jira's own answer for the calling user
 * (`GET /rest/api/3/mypermissions` as that user). The UI hiding a button is not security; this is.
 */
import api, { route } from '@forge/api';
import { z } from 'zod';

export type ProjectPermission = 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS';

const MyPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

export async function userHasProjectPermission(
  projectKey: string,
  permission: ProjectPermission,
): Promise<boolean> {
  const res = await api
    .asUser()
    .requestJira(route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${permission}`, {
      headers: { Accept: 'application/json' },
    });
  if (res.status === 404 || res.status === 401 || res.status === 403) return false;
  if (!res.ok) throw new Error(`Jira could not tell the caller's permissions (${res.status})`);
  const parsed = MyPermissionsSchema.safeParse(await res.json());
  return parsed.success && parsed.data.permissions[permission]?.havePermission === true;
}
