/**
 * The page's only way to the backend: `invoke` with a payload typed by its key, and the answer parsed
 * with the same schemas the resolvers answer with. A refusal becomes a ResolverCallError that carries the
 * resolver's code and, for bad input, the field to show the message next to.
 */
import { invoke } from '@forge/bridge';
import { parseAnswer, type AnswerOf } from '../../../src/core/schema/resolver-answers';
import type { PayloadOf, ResolverKey } from '../../../src/core/schema/resolver-payloads';
import type { ResolverError } from '../../../src/core/schema/resolver-result';

export class ResolverCallError extends Error {
  constructor(readonly error: ResolverError) {
    super(error.message);
  }
}

export async function call<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<AnswerOf<K>> {
  const raw: unknown = await invoke(key, payload);
  const result = parseAnswer(key, raw);
  if (!result.ok) throw new ResolverCallError(result.error);
  return result.data;
}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
export const fieldOf = (err: unknown): string | undefined =>
  err instanceof ResolverCallError ? err.error.field : undefined;
export const codeOf = (err: unknown): string | undefined =>
  err instanceof ResolverCallError ? err.error.code : undefined;
