/**
 * `invoke` for the panel: sends a payload typed by its key and parses the answer with the shared schemas,
 * so a refusal arrives as a value with the resolver's message and never as `undefined` in a component.
 */
import { invoke } from '@forge/bridge';
import { parseAnswer, type AnswerOf } from '../../core/schema/resolver-answers';
import type { ResolverResult } from '../../core/schema/resolver-result';
import type { PayloadOf, ResolverKey } from '../../core/schema/resolver-payloads';

export async function call<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): Promise<ResolverResult<AnswerOf<K>>> {
  const raw: unknown = await invoke(key, payload);
  return parseAnswer(key, raw);
}
