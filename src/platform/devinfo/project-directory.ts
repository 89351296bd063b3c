/**
 * The project keys of the local site, so only keys of existing projects are sent (issue 7 §3). Read as
 * the app through project/search, cached in KVS for five minutes: a drain asks once, not per delivery,
 * and a project created a minute ago is picked up soon enough.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { ProjectDirectory } from '../../core/devinfo/ports';
import { JiraClient } from '../../connectors/jira/jira-client';
import { forgeJiraTransport } from '../jira/forge-jira-transport';
import { keys } from '../kvs/keys';

const Cached = z.strictObject({ keys: z.array(z.string()) });
const Page = z.looseObject({
  values: z.array(z.looseObject({ key: z.string() })),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

async function fetchProjectKeys(client: JiraClient): Promise<string[]> {
  const out: string[] = [];
  for (let startAt = 0; ; startAt += 100) {
    const page = await client.json('/rest/api/3/project/search', Page, {
      query: { startAt, maxResults: 100 },
    });
    out.push(...page.values.map((p) => p.key.toUpperCase()));
    if (page.isLast !== false || page.values.length === 0) return out;
  }
}

export function jiraProjectDirectory(
  client = new JiraClient(forgeJiraTransport, 'this Jira site'),
): ProjectDirectory {
  return {
    async projectKeys() {
      const cached = Cached.safeParse(await kvs.get(keys.gitProjectKeys()));
      if (cached.success) return new Set(cached.data.keys);
      const fresh = await fetchProjectKeys(client);
      await kvs.set(keys.gitProjectKeys(), { keys: fresh }, { ttl: { value: 5, unit: 'MINUTES' } });
      return new Set(fresh);
    },
  };
}
