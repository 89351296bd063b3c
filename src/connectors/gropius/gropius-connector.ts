/**
 * Gropius in the connector registry: the GraphQL API URL (`https://gropius.example.com/api/graphql`), the
 * project's (Trackable's) id, and a token for Gropius' public API, sent as `Authorization: Bearer`.
 * Gropius' login service issues the token; the user it names needs READ, CREATE_ISSUES, MANAGE_ISSUES,
 * COMMENT and MANAGE_LABELS on the project (or ADMIN).
 */
import { TrackerError } from '../../core/errors';
import type { ConnectorDefinition } from '../registry';
import { GropiusClient } from './gropius-client';
import { GROPIUS_CAPABILITIES, GropiusTracker } from './gropius-tracker';

export const gropiusConnector: ConnectorDefinition = {
  label: 'Gropius',
  capabilities: GROPIUS_CAPABILITIES,
  credentials: () => ['token'],
  async create(ctx) {
    const { connection } = ctx;
    const endpoint = connection.remote.baseUrl;
    if (!endpoint)
      throw new TrackerError('invalid_request', `connection ${connection.id} has no Gropius API URL`);
    const token = await ctx.credential('token');
    if (!token) throw new TrackerError('unauthorized', `connection ${connection.id} has no token set`);
    const label = `Gropius (${new URL(endpoint).host})`;
    const client = new GropiusClient(endpoint, token, ctx.fetch, label, ctx.now);
    return new GropiusTracker({ client, trackable: connection.remote.project });
  },
};
