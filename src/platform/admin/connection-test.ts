/**
 * "Test connection": reaches the remote tracker with the stored credentials and reads the remote project,
 * writing nothing. The state lives in KVS (in progress, then ready or error) so the settings page can poll
 * it while the check runs, and still find the outcome after a reload.
 */
import { kvs } from '@forge/kvs';
import { errorMessage, TrackerError } from '../../core/errors';
import type { Connection } from '../../core/schema/connection';
import { ConnectionTestSchema, type ConnectionTest } from '../../core/schema/resolver-answers';
import { keys } from '../kvs/keys';
import type { AdminDeps } from './admin-deps';

/** A test still "in progress" after this was killed with its invocation (resolvers get 25 s). */
const STALE_MS = 60_000;
/** Look back a little: the listing proves the project is readable without reading all of it. */
const PROBE_WINDOW_MS = 60_000;

export async function readConnectionTest(connectionId: string, now: Date): Promise<ConnectionTest> {
  const parsed = ConnectionTestSchema.safeParse(await kvs.get(keys.connectionTest(connectionId)));
  if (!parsed.success) return { state: 'never' };
  const test = parsed.data;
  if (test.state === 'in_progress' && now.getTime() - Date.parse(test.startedAt) > STALE_MS) {
    return { state: 'error', at: test.startedAt, message: 'The test did not finish. Run it again.' };
  }
  return test;
}

export async function runConnectionTest(deps: AdminDeps, connection: Connection): Promise<ConnectionTest> {
  const key = keys.connectionTest(connection.id);
  await kvs.set(key, { state: 'in_progress', startedAt: deps.now().toISOString() } satisfies ConnectionTest);
  let result: ConnectionTest;
  try {
    const engine = await deps.engineFor(connection);
    const since = new Date(deps.now().getTime() - PROBE_WINDOW_MS).toISOString();
    await engine.remote.listUpdatedSince(since);
    const where = connection.remote.baseUrl ? ` at ${new URL(connection.remote.baseUrl).host}` : '';
    result = {
      state: 'ready',
      at: deps.now().toISOString(),
      message: `Connected${where}: project ${connection.remote.project} can be read with these credentials.`,
    };
  } catch (err) {
    // Tracker errors are the answer to the question asked; anything else is still reported, not thrown,
    // so the page never shows "in progress" forever. Neither message carries a credential.
    const message = err instanceof TrackerError ? err.message : `Unexpected failure: ${errorMessage(err)}`;
    result = { state: 'error', at: deps.now().toISOString(), message };
  }
  await kvs.set(key, result);
  return result;
}

export async function forgetConnectionTest(connectionId: string): Promise<void> {
  await kvs.delete(keys.connectionTest(connectionId));
}
