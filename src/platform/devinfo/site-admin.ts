/**
 * Git integrations belong to the site (their uploads can name issues of any project), so changing one
 * takes Jira's global Administer permission, asked of Jira for the calling user; project admins can
 * read them.
 */
import api, { route } from '@forge/api';
import { z } from 'zod';

const Answer = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});

export async function userIsSiteAdmin(): Promise<boolean> {
  const res = await api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, {
    headers: { Accept: 'application/json' },
  });
  if (res.status === 401 || res.status === 403) return false;
  if (!res.ok) throw new Error(`Jira could not tell the caller's global permissions (${res.status})`);
  const parsed = Answer.safeParse(await res.json());
  return parsed.success && parsed.data.permissions.ADMINISTER?.havePermission === true;
}
