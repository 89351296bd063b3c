/**
 * The local site's base URL, for links to local issues. Forge gives it to resolvers (`context.siteUrl`)
 * but not to triggers or consumers, so resolvers record it and background work reads it.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keys } from './kvs/keys';

const SiteInfo = z.object({ siteUrl: z.url() });

export async function rememberSiteUrl(siteUrl: string): Promise<void> {
  const parsed = SiteInfo.safeParse({ siteUrl });
  if (!parsed.success) return;
  const known = SiteInfo.safeParse(await kvs.get(keys.siteInfo()));
  if (known.success && known.data.siteUrl === siteUrl) return;
  await kvs.set(keys.siteInfo(), parsed.data);
}

/** The base URL, or '' until a resolver has run: links are then relative to the site. */
export async function localSiteUrl(): Promise<string> {
  const known = SiteInfo.safeParse(await kvs.get(keys.siteInfo()));
  return known.success ? known.data.siteUrl.replace(/\/+$/, '') : '';
}
