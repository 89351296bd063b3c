/**
 * The core's DevInfoSink on the local site, as the app (`write:dev-info:jira`, `delete:dev-info:jira`).
 * JiraClient waits out short 429s itself and throws a retryable TrackerError with Retry-After for long
 * ones, which the drain turns into a delayed continuation. Payloads are checked against the schema
 * before they leave: a bug here should fail loudly, not as Jira's 400 for a whole batch.
 */
import { z } from 'zod';
import { StorePayloadSchema, StoreResultSchema } from '../../core/devinfo/devinfo-payload';
import { TrackerError } from '../../core/errors';
import type { DevInfoSink } from '../../core/ports';
import { JiraClient } from '../../connectors/jira/jira-client';
import { forgeJiraTransport } from '../jira/forge-jira-transport';

export function jiraDevInfoSink(client = new JiraClient(forgeJiraTransport, 'this Jira site')): DevInfoSink {
  return {
    async store(payload) {
      const checked = StorePayloadSchema.safeParse(payload);
      if (!checked.success)
        throw new TrackerError('invalid_request', `dev info payload: ${z.prettifyError(checked.error)}`);
      return client.json('/rest/devinfo/0.10/bulk', StoreResultSchema, {
        method: 'POST',
        json: checked.data,
      });
    },
    async deleteBranch(repositoryId, branchId, updateSequenceId) {
      await client.empty(
        `/rest/devinfo/0.10/repository/${encodeURIComponent(repositoryId)}/branch/${encodeURIComponent(branchId)}`,
        {
          method: 'DELETE',
          query: { _updateSequenceId: updateSequenceId },
        },
      );
    },
  };
}

/** Removes everything an integration uploaded (its entities carry `tandemIntegration=<id>`). */
export async function deleteIntegrationDevInfo(
  integrationId: string,
  client = new JiraClient(forgeJiraTransport, 'this Jira site'),
): Promise<void> {
  await client.empty('/rest/devinfo/0.10/bulkByProperties', {
    method: 'DELETE',
    query: { tandemIntegration: integrationId },
  });
}
