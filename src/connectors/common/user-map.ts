/**
 * People across trackers for connectors without an account search: a user from the partner side becomes an
 * id here by the connection's explicit map (by the partner's id or email), then the connection's default.
 * Someone none of these finds is reported, never silently dropped or assigned to a stranger.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import type { Json } from '../../core/model';
import type { UserMapping } from '../jira/user-resolver';

const UserValueSchema = z.union([
  z.null(),
  z.string(),
  z.object({ id: z.string().optional(), email: z.string().optional(), displayName: z.string().optional() }),
]);

/** This tracker's id for a partner user, or null to clear the field. */
export function mapUser(
  value: Json,
  mapping: UserMapping,
  label: string,
  /** Ids this tracker already uses can pass through unchanged (a value read from this same tracker). */
  isLocalId: (id: string) => boolean = () => false,
): string | null {
  const parsed = UserValueSchema.safeParse(value);
  if (!parsed.success) throw new TrackerError('invalid_request', `not a user: ${JSON.stringify(value)}`);
  const v = parsed.data;
  if (v === null || v === '') return null;
  const id = typeof v === 'string' ? v : v.id;
  const email = typeof v === 'string' ? (v.includes('@') ? v : undefined) : v.email;
  for (const key of [id, email]) {
    const mapped = key === undefined ? undefined : mapping.explicit.get(key);
    if (mapped) return mapped;
  }
  if (id !== undefined && isLocalId(id)) return id;
  if (mapping.defaultAccountId) return mapping.defaultAccountId;
  const who = typeof v === 'string' ? v : [v.displayName, v.email ?? v.id].filter(Boolean).join(' ');
  throw new TrackerError(
    'user_unmapped',
    `no user on ${label} matches ${who}; add them to the connection's user map`,
  );
}
