/** Calls the git integration resolvers as the settings page does: project DEMO, as a chosen user. */
import { z } from 'zod';
import type { DevInfoWorld } from './harness';

const Users = z.record(z.string(), z.looseObject({ email: z.string().nullable(), accountId: z.string() }));
const Reply = z.union([
  z.looseObject({ ok: z.literal(true), data: z.unknown() }),
  z.looseObject({ ok: z.literal(false), error: z.looseObject({ code: z.string(), message: z.string() }) }),
]);

export async function callResolver(
  w: DevInfoWorld,
  key: string,
  payload: unknown,
  email = 'admin@example.com',
): Promise<z.infer<typeof Reply>> {
  const user = Object.values(Users.parse(w.host.emulator.site('local').state.users)).find(
    (u) => u.email === email,
  );
  if (!user) throw new Error(`no user ${email}`);
  const reply = await w.host.invoke(key, {
    moduleKey: 'tandem-project-settings',
    accountId: user.accountId,
    payload,
    context: { accountId: user.accountId, extension: { project: { key: 'DEMO' } } },
  });
  if (!reply.body.ok) throw new Error(`${key} failed in the host: ${reply.body.error.message}`);
  return Reply.parse(reply.body.result);
}

export async function resolved<S extends z.ZodType>(
  w: DevInfoWorld,
  key: string,
  payload: unknown,
  schema: S,
): Promise<z.output<S>> {
  const reply = await callResolver(w, key, payload);
  if (!reply.ok) throw new Error(`${key} refused: ${reply.error.message}`);
  return schema.parse(reply.data);
}
