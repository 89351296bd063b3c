/** What a panel button does: one resolver call whose outcome message the panel shows, then a reload. */
import type { ResolverResult } from '../../core/schema/resolver-result';

export type ActionCall = () => Promise<ResolverResult<{ outcome: string; message: string }>>;
export type RunAction = (action: ActionCall) => void;
