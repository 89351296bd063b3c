/**
 * The local site's base URL, for links to local issues (remote links on the partner, `url` of the
 * canonical issue). It comes from Jira itself, `GET /rest/api/3/serverInfo` as the app, never from a
 * resolver's caller: the first person to open a page must not decide what every link says, and
 * triggers and consumers, which have no context.siteUrl, need it from the very first backfill.
 * The endpoint needs no OAuth scope (platform-openapi-v3.json: `x-atlassian-oauth2-scopes: []`).
 *
 * The answer is kept in KVS for an hour so a cycle costs no extra call; a renamed site is picked up
 * within the hour.
 */
import api, { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keys } from './kvs/keys';

const SiteInfo = z.object({ siteUrl: z.url() });
/** ServerInformation in the platform OpenAPI: `baseUrl` is "The base URL of the Jira instance". */
const ServerInfoSchema = z.looseObject({ baseUrl: z.url() });
const CACHE_SECONDS = 3600;

export class SiteInfoUnavailable extends Error {
  constructor(status: number) {
    super(`Jira did not tell its own address (GET /rest/api/3/serverInfo answered ${status})`);
    this.name = 'SiteInfoUnavailable';
  }
}

async function askJira(): Promise<string> {
  const res = await api.asApp().requestJira(route`/rest/api/3/serverInfo`, {
    headers: { Accept: 'application/json' },
  });
  if (!res.ok) throw new SiteInfoUnavailable(res.status);
  const parsed = ServerInfoSchema.safeParse(await res.json());
  if (!parsed.success) throw new SiteInfoUnavailable(res.status);
  return parsed.data.baseUrl.replace(/\/+$/, '');
}

/** The base URL without a trailing slash, from KVS or else from Jira (then remembered). */
export async function localSiteUrl(): Promise<string> {
  const known = SiteInfo.safeParse(await kvs.get(keys.siteInfo()));
  if (known.success) return known.data.siteUrl;
  const siteUrl = await askJira();
  await kvs.set(keys.siteInfo(), { siteUrl }, { ttl: { value: CACHE_SECONDS, unit: 'SECONDS' } });
  return siteUrl;
}
