/**
 * One fake Azure DevOps organization on 127.0.0.1 (sandbox/azure-devops) per test file, and the connector
 * over it through Node's fetch, as the platform's FetchLike.
 */
import { AzureDevOpsClient } from '../../../src/connectors/azure-devops/ado-client';
import { AzureDevOpsTracker } from '../../../src/connectors/azure-devops/ado-tracker';
import type { FetchLike } from '../../../src/connectors/jira/remote-transport';
import {
  FakeAzureDevOps,
  type FakeAzureDevOpsOptions,
} from '../../../sandbox/azure-devops/fake-azure-devops';
import { WitSpec } from '../../../sandbox/azure-devops/wit-spec';
import { nodeFetch } from '../node-fetch';

let spec: WitSpec | undefined;
/** The description is 300 kB of schemas: compiled once per test file. */
export const witSpec = (): WitSpec => (spec ??= new WitSpec());

export async function startFake(opts: FakeAzureDevOpsOptions = {}): Promise<FakeAzureDevOps> {
  const fake = new FakeAzureDevOps(witSpec(), opts);
  await fake.start();
  return fake;
}

export function trackerOn(
  fake: FakeAzureDevOps,
  opts: { pat?: string; fetch?: FetchLike; pageSize?: number; users?: Map<string, string> } = {},
): AzureDevOpsTracker {
  const client = new AzureDevOpsClient({
    organizationUrl: fake.organizationUrl,
    pat: opts.pat ?? fake.pat,
    fetch: opts.fetch ?? nodeFetch,
    now: () => new Date(fake.ms),
    label: `Azure DevOps (${fake.organization}/${fake.project})`,
  });
  return new AzureDevOpsTracker({
    client,
    project: fake.project,
    users: { explicit: opts.users ?? new Map([['acc-ana', 'ana@fabrikam.example']]) },
    ...(opts.pageSize === undefined ? {} : { pageSize: opts.pageSize }),
  });
}
