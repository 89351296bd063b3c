/**
 * The one module that owns Tandem's KVS key scheme. Nothing else builds keys: a change of layout is a new
 * VERSION here, so old and new records can never be confused.
 *
 * Forge keys must match `^(?!\s+$)[a-zA-Z0-9:._\s-#]+$` and be at most 500 characters. `:` separates
 * the parts, so every id that goes into a key is escaped: anything outside `[A-Za-z0-9._-]` becomes
 * `#XX` per UTF-8 byte (`#` itself included). The escape is injective, keeps keys readable for plain
 * ids, and keeps one connection's prefix from matching another's (`c1:` never begins `c10:`).
 */
import type { Side } from '../../core/model';

export const KEY_VERSION = 'v1';
export const MAX_KEY_LENGTH = 500;

const FORGE_KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const SAFE_CHAR = /^[A-Za-z0-9._-]$/;

export class StorageKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageKeyError';
  }
}

/** Escapes one id so it is a single, separator-free part of a key. */
export function escapeKeyPart(id: string): string {
  if (id.length === 0) throw new StorageKeyError('an id used in a storage key must not be empty');
  let out = '';
  for (const ch of id) {
    if (SAFE_CHAR.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `#${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function unescapeKeyPart(part: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < part.length; i++) {
    if (part[i] === '#') {
      bytes.push(parseInt(part.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(part.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Throws a message that names the key and the rule, rather than letting KVS answer INVALID_KEY later. */
export function assertValidKey(key: string): string {
  if (key.length > MAX_KEY_LENGTH) {
    throw new StorageKeyError(
      `storage key is ${key.length} characters, over the Forge limit of ${MAX_KEY_LENGTH}: ${key.slice(0, 80)}…`,
    );
  }
  if (!FORGE_KEY_PATTERN.test(key))
    throw new StorageKeyError(`storage key has characters Forge rejects: ${key}`);
  return key;
}

const build = (...parts: string[]): string => assertValidKey([KEY_VERSION, ...parts].join(':'));
const conn = (connectionId: string): string => escapeKeyPart(connectionId);

/** The id a key's last part holds (a connection config's or a git integration's key), unescaped. */
export function lastIdOf(key: string): string {
  return unescapeKeyPart(key.slice(key.lastIndexOf(':') + 1));
}

/** Every key below is a function of its ids; prefixes end in `:` so a query never spills into a sibling. */
export const keys = {
  pair: (connectionId: string, pairId: string): string =>
    build('pair', conn(connectionId), escapeKeyPart(pairId)),
  pairPrefix: (connectionId: string): string => build('pair', conn(connectionId), ''),
  /** Value: the pairId that holds this issue on this side. */
  sideIndex: (connectionId: string, side: Side, issueId: string): string =>
    build('idx', conn(connectionId), side, escapeKeyPart(issueId)),
  connectionState: (connectionId: string): string => build('conn', conn(connectionId), 'state'),
  /** The last "Test connection" run from the settings page: in progress, ready or error. */
  connectionTest: (connectionId: string): string => build('conn', conn(connectionId), 'test'),
  /** Part i of a held plan's items (see held-plan-parts.ts). */
  heldPlanPart: (connectionId: string, planId: string, part: number): string =>
    build('conn', conn(connectionId), 'plan', escapeKeyPart(planId), String(part)),
  /** pairId '*' is the connection-wide lock; it escapes to `#2A`, which no real pair id produces. */
  lock: (connectionId: string, pairId: string): string =>
    build('lock', conn(connectionId), escapeKeyPart(pairId)),
  connectionConfig: (connectionId: string): string => build('connection', conn(connectionId)),
  connectionConfigPrefix: (): string => build('connection', ''),
  /**
   * The local site's base URL as Jira's serverInfo answers it. Not `site`: that key held what a
   * resolver's caller said, which is no longer trusted.
   */
  siteInfo: (): string => build('siteinfo'),
  /**
   * Set (with a short TTL) while a webhook cycle for this remote issue is queued, so a burst of events on
   * one issue (edited, labeled, commented) queues one cycle; the cycle clears it before it reads.
   */
  trackerWebhookPending: (connectionId: string, remoteIssueId: string): string =>
    build('hookpending', conn(connectionId), escapeKeyPart(remoteIssueId)),
  /**
   * A site's rate governor (core/rate/governor-state.ts): the quota last seen and the pauses Jira asked for,
   * so one invocation's 429 keeps the others from asking again. `site` is the local site's base URL or the
   * remote tracker's.
   */
  rateGovernor: (site: string): string => build('rate', escapeKeyPart(site)),
  /**
   * Set (with a short TTL) while a cycle scoped to this local issue is queued for a product event, so a burst
   * of events on one issue (edited, commented, edited again) queues one cycle; the cycle clears it first.
   */
  localEventPending: (connectionId: string, localIssueId: string): string =>
    build('eventpending', conn(connectionId), escapeKeyPart(localIssueId)),
  /** Secret storage is its own namespace in KVS (not queryable); the version prefix still applies. */
  credential: (connectionId: string, name: string): string =>
    build('secret', conn(connectionId), escapeKeyPart(name)),

  // Dev info (git webhooks). Times in keys are zero-padded so key order is time order.
  gitIntegration: (integrationId: string): string => build('git', escapeKeyPart(integrationId)),
  gitIntegrationPrefix: (): string => build('git', ''),
  /** Secret storage; `slot` is `current`, `previous` or `installToken`. */
  gitSecret: (integrationId: string, slot: string): string =>
    build('gitsecret', escapeKeyPart(integrationId), escapeKeyPart(slot)),
  /**
   * Written once per delivery id, and once per hash of a verified body (`body-<sha256>`), FAIL_IF_EXISTS
   * with a TTL: the dedupe of redeliveries and of replays under a new id.
   */
  gitDeliveryClaim: (integrationId: string, deliveryId: string): string =>
    build('gitclaim', escapeKeyPart(integrationId), escapeKeyPart(deliveryId)),
  /** The durable inbox of received deliveries, oldest first. */
  gitInbox: (receivedAtMs: number, unique: string): string =>
    build('gitinbox', String(receivedAtMs).padStart(15, '0'), escapeKeyPart(unique)),
  gitInboxPrefix: (): string => build('gitinbox', ''),
  /** Bodies too large for one value, in parts; a prefix of their own keeps them out of inbox queries. */
  gitInboxPart: (entryKeyId: string, part: number): string =>
    build('gitinboxpart', escapeKeyPart(entryKeyId), String(part)),
  /** Audit of recent deliveries per integration, newest first (inverted time). */
  gitAudit: (integrationId: string, receivedAtMs: number, unique: string): string =>
    build(
      'gitaudit',
      escapeKeyPart(integrationId),
      String(9e14 - receivedAtMs).padStart(15, '0'),
      escapeKeyPart(unique),
    ),
  gitAuditPrefix: (integrationId: string): string => build('gitaudit', escapeKeyPart(integrationId), ''),
  /**
   * Deliveries refused before their sender was verified (401, 413): one tally and a ring of sample slots
   * per integration, so an unsigned flood overwrites its own samples and never grows storage.
   */
  gitRefusedTally: (integrationId: string): string =>
    build('gitrefused', escapeKeyPart(integrationId), 'tally'),
  gitRefusedSample: (integrationId: string, slot: number): string =>
    build('gitrefused', escapeKeyPart(integrationId), 'sample', String(slot)),
  gitRefusedPrefix: (integrationId: string): string => build('gitrefused', escapeKeyPart(integrationId), ''),
  /** Set while a drain of the inbox is queued, so a burst of deliveries queues one drain, not one each. */
  gitDrainRequested: (): string => build('gitdrain', 'requested'),
  gitDrainLease: (): string => build('gitdrain', 'lease'),
  /**
   * Work that arrived while the license was inactive (platform/licensing/held-work.ts), keyed by the hash of
   * the work item, so the same item held twice is one marker; released to the queue once the license is active.
   */
  heldWork: (itemHash: string): string => build('held', escapeKeyPart(itemHash)),
  heldWorkPrefix: (): string => build('held', ''),
  // Analytics export (platform/analytics): one export per project, `exportId` is the project key.
  /** The export's settings and progress (enabled, secret rotation, backfill cursor, last export). */
  analyticsExport: (exportId: string): string => build('ax', escapeKeyPart(exportId), 'config'),
  analyticsExportPrefix: (): string => build('ax', ''),
  /** Secret storage; `slot` is `current` or `previous`. */
  analyticsSecret: (exportId: string, slot: string): string =>
    build('axsecret', escapeKeyPart(exportId), escapeKeyPart(slot)),
  /** One month's files of every table (sizes, hashes, where their bytes are); the manifest is their union. */
  analyticsMonth: (exportId: string, month: string): string =>
    build('axmonth', escapeKeyPart(exportId), escapeKeyPart(month)),
  analyticsMonthPrefix: (exportId: string): string => build('axmonth', escapeKeyPart(exportId), ''),
  /**
   * Chunk `chunk` of file `file` of a month's generation (a hash of its content, so a retry writes the same
   * keys). A prefix of its own per month, so a sweep finds every generation's chunks.
   */
  analyticsChunk: (exportId: string, month: string, generation: string, file: number, chunk: number): string =>
    build(
      'axchunk',
      escapeKeyPart(exportId),
      escapeKeyPart(month),
      escapeKeyPart(generation),
      String(file),
      String(chunk),
    ),
  analyticsChunkPrefix: (exportId: string, month: string): string =>
    build('axchunk', escapeKeyPart(exportId), escapeKeyPart(month), ''),
  /** Set (with a TTL) while a re-export of this month is queued, so a burst of events queues one. */
  analyticsDirty: (exportId: string, month: string): string =>
    build('axdirty', escapeKeyPart(exportId), escapeKeyPart(month)),
  /** Every queryable key Tandem writes starts here; uninstall erases by it (secrets are not queryable). */
  everythingPrefix: (): string => `${KEY_VERSION}:`,
  /** The site's project keys, cached briefly for issue key filtering. */
  gitProjectKeys: (): string => build('gitprojects'),
} as const;
