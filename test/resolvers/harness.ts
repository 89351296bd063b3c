/**
 * Calls the app's resolvers the way the pages do: through the sandbox host's invoke, as a chosen person,
 * with the product context of the settings page (project DEMO) or the issue panel (an issue). Every answer
 * is parsed with the same schema the UI uses.
 */
import { z } from 'zod';
import { parseAnswer, type AnswerOf } from '../../src/core/schema/resolver-answers';
import type { ResolverError } from '../../src/core/schema/resolver-result';
import type { ResolverKey } from '../../src/core/schema/resolver-payloads';
import type { Connection } from '../../src/core/schema/connection';
import { DEMO_CONNECTION_ID, type World } from '../sandbox-sync/world';

export const ADMIN = 'admin@example.com';
export const USER = 'user@example.com';

export interface As {
  email?: string;
  /** Panel calls carry the issue the panel is open on. */
  issue?: { id: string; key: string };
}

const UsersSchema = z.record(
  z.string(),
  z.looseObject({ email: z.string().nullable(), accountId: z.string() }),
);

export function accountIdOf(w: World, email: string): string {
  const users = UsersSchema.parse(w.host.emulator.site('local').state.users);
  const found = Object.values(users).find((u) => u.email === email);
  if (!found) throw new Error(`no user ${email} on the local site`);
  return found.accountId;
}

export type Answer<K extends ResolverKey> =
  | { ok: true; data: AnswerOf<K> }
  | { ok: false; error: ResolverError };

export async function invoke<K extends ResolverKey>(
  w: World,
  key: K,
  payload: unknown,
  as: As = {},
): Promise<Answer<K>> {
  const accountId = accountIdOf(w, as.email ?? ADMIN);
  const extension = as.issue
    ? { project: { key: 'DEMO' }, issue: { id: as.issue.id, key: as.issue.key, type: 'Task' } }
    : { project: { key: 'DEMO' } };
  const reply = await w.host.invoke(key, {
    moduleKey: as.issue ? 'tandem-issue-panel' : 'tandem-project-settings',
    accountId,
    payload,
    context: { accountId, extension },
  });
  if (!reply.body.ok) throw new Error(`${key} failed in the host: ${reply.body.error.message}`);
  return parseAnswer(key, reply.body.result);
}

/** The data of a successful answer; a refusal fails the test with its message. */
export async function ok<K extends ResolverKey>(
  w: World,
  key: K,
  payload: unknown,
  as: As = {},
): Promise<AnswerOf<K>> {
  const answer = await invoke(w, key, payload, as);
  if (!answer.ok) throw new Error(`${key} refused: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

export async function refused(
  w: World,
  key: ResolverKey,
  payload: unknown,
  as: As = {},
): Promise<ResolverError> {
  const answer = await invoke(w, key, payload, as);
  if (answer.ok) throw new Error(`${key} was expected to be refused`);
  return answer.error;
}

/** Changes the demo connection through connections/save, as the settings page does. */
export async function updateDemo(w: World, change: (c: Connection) => Connection): Promise<Connection> {
  const { connections } = await ok(w, 'connections/list', {});
  const demo = connections.find((c) => c.connection.id === DEMO_CONNECTION_ID);
  if (!demo) throw new Error('the demo connection is missing');
  const saved = await ok(w, 'connections/save', { connection: change(demo.connection) });
  return saved.connection.connection;
}
