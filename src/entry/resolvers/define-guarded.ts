/**
 * Registers one resolver key with its payload schema from PAYLOADS, its permission need from
 * PERMISSION_NEEDS and an answer typed by ANSWERS, behind guarded()'s check. Feature files call this and
 * nothing else, so a key cannot be defined without its schema and its permission, and an answer that
 * drifts from what the UI parses fails to compile.
 */
import type Resolver from '@forge/resolver';
import type { AnswerOf } from '../../core/schema/resolver-answers';
import { PAYLOADS, type ParsedPayloadOf, type ResolverKey } from '../../core/schema/resolver-payloads';
import { PERMISSION_NEEDS } from '../../core/schema/resolver-permissions';
import { guarded, ResolverFailure, type Call } from './guarded';

export type PayloadCall<K extends ResolverKey> = Call<ParsedPayloadOf<K>>;

export function defineGuarded<K extends ResolverKey>(
  resolver: Resolver,
  key: K,
  handler: (call: PayloadCall<K>) => Promise<AnswerOf<K>>,
): void {
  resolver.define(key, guarded(PERMISSION_NEEDS[key], PAYLOADS[key], handler));
}

/** A settings-page resolver (the table says: administer the project; site-wide changes: Jira admin). */
export const defineAdmin = defineGuarded;

/** An issue-panel resolver (the table says: browse the issue to read, edit it to act). */
export const definePanel = defineGuarded;

/** The issue the panel is open on, from the product's context (never from the payload). */
export function issueOf(call: Call<unknown>): { id: string; key: string } {
  const issue = call.context.extension?.issue;
  if (issue?.id === undefined) {
    throw new ResolverFailure({ code: 'bad_request', message: 'this action needs an issue in its context' });
  }
  return { id: String(issue.id), key: issue.key };
}
