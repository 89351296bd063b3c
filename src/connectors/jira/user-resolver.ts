/**
 * People across sites. A user from the partner side becomes an account on this site by, in order: the
 * connection's explicit map, the same email address (where the API shows it), the connection's default.
 * On Data Center the "account id" is the username: its user search takes `username` (which also matches
 * email addresses) and users are written as `{name}`.
 * A user none of these finds is reported as an error on the pair, never silently dropped.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import type { Json } from '../../core/model';
import type { JiraClient } from './jira-client';
import type { JiraFlavor } from './jira-flavor';
import { JiraUserSchema } from './jira-schemas';

export interface UserMapping {
  /** Partner account id or email → this site's account id (its username on Data Center). */
  explicit: ReadonlyMap<string, string>;
  defaultAccountId?: string;
}

const UserValueSchema = z.union([
  z.null(),
  z.string(),
  z.object({ id: z.string().optional(), email: z.string().optional(), displayName: z.string().optional() }),
]);

export class UserResolver {
  private readonly byEmail = new Map<string, string | null>();

  constructor(
    private readonly client: JiraClient,
    private readonly mapping: UserMapping,
    private readonly flavor: JiraFlavor = 'cloud',
  ) {}

  /** This site's account id for a partner user, or null to clear the field. */
  async accountIdFor(value: Json): Promise<string | null> {
    const parsed = UserValueSchema.safeParse(value);
    if (!parsed.success) throw new TrackerError('invalid_request', `not a user: ${JSON.stringify(value)}`);
    const v = parsed.data;
    if (v === null) return null;
    const id = typeof v === 'string' ? v : v.id;
    const email = typeof v === 'string' ? (v.includes('@') ? v : undefined) : v.email;
    for (const key of [id, email]) {
      const mapped = key === undefined ? undefined : this.mapping.explicit.get(key);
      if (mapped) return mapped;
    }
    if (email) {
      const found = await this.findByEmail(email);
      if (found) return found;
    }
    if (this.mapping.defaultAccountId) return this.mapping.defaultAccountId;
    const who = typeof v === 'string' ? v : [v.displayName, v.email ?? v.id].filter(Boolean).join(' ');
    throw new TrackerError(
      'user_unmapped',
      `no user on ${this.client.label} matches ${who}; add them to the connection's user map`,
    );
  }

  private async findByEmail(email: string): Promise<string | undefined> {
    if (!this.byEmail.has(email)) {
      const users = await this.client.json('/rest/api/3/user/search', z.array(JiraUserSchema), {
        query: this.flavor === 'data-center' ? { username: email } : { query: email },
      });
      const match = users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
      this.byEmail.set(email, match?.accountId ?? null);
    }
    return this.byEmail.get(email) ?? undefined;
  }
}
