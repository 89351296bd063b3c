/**
 * What Tandem remembers between cycles, per connection and per linked pair of issues.
 * Plain JSON, so any store (KVS, a Map) can hold it without conversion.
 */
import type { Json, Side } from './model';
import type { SyncPlan } from './plan';
import type { KnownUnchanged } from './ports';
import type { DriftedField } from './rules/find-drift';

/** Last-synced values of every mapped attribute, by dotted path, on each side: the three-way base. */
export interface Base {
  local: Record<string, Json>;
  remote: Record<string, Json>;
}

export interface CommentLink {
  local: string;
  remote: string;
  /** Content hashes at the last sync; a different hash now means the comment was edited. */
  localHash: string;
  remoteHash: string;
  /** The side the comment was first written on. */
  origin: Side;
}

/** A worklog and its copy; hashes as for comments, over the time, start and comment together. */
export interface WorklogLink {
  local: string;
  remote: string;
  localHash: string;
  remoteHash: string;
  /** The side the work was booked on. */
  origin: Side;
}

export interface AttachmentLink {
  local: string;
  remote: string;
  filename: string;
}

export interface SkippedAttachment {
  side: Side;
  id: string;
  filename: string;
  reason: string;
}

export interface Conflict {
  localPath: string;
  remotePath: string;
  localValue: Json;
  remoteValue: Json;
  detectedAt: string;
}

export type PairStatus =
  | { state: 'ok' }
  | { state: 'pending'; reason: string }
  | { state: 'conflict' }
  | { state: 'error'; message: string; attempts: number; lastAttemptAt: string }
  /** Both sides unchanged since the sync, yet holding values the rules say are equal (find-drift.ts). */
  | { state: 'drift'; fields: DriftedField[]; message: string; since: string };

/** A write begun and not yet confirmed, with what it sent, so a retry that finds it records the truth. */
export interface InflightWrite {
  at: string;
  /** The base the write would establish (creates, messages). */
  base?: Partial<Base>;
  /** The hash of the source comment's body (or worklog) as sent (comment and worklog copies). */
  sourceHash?: string;
  /**
   * Paths an update was moving step by step (a status along its workflow): a kill halfway leaves the issue
   * on a status of our making, which the next plan must not mistake for a person's edit.
   */
  paths?: string[];
  /**
   * A create known to have landed (a bulk create answered it) but not yet recorded on the pair: the retry
   * reads this issue by id instead of searching for it by origin.
   */
  created?: { id: string; key: string; url: string };
}

export interface SyncedParent {
  pairId: string | null;
  local: string | null;
  remote: string | null;
}

export interface LinkedPair {
  connectionId: string;
  /** Deterministic from the issue that existed first (`l-<id>` or `r-<id>`), so a retry finds the same pair. */
  pairId: string;
  local?: { id: string; key: string; url: string };
  remote?: { id: string; key: string; url: string };
  base: Base;
  comments: CommentLink[];
  attachments: AttachmentLink[];
  skippedAttachments: SkippedAttachment[];
  /** Absent in pairs stored before worklogs synced. */
  worklogs?: WorklogLink[];
  /**
   * Issue links that exist on both sides, as `<type>><target pairId>` from this pair's issue (the source).
   * A synced link missing on one side now was deleted there. Absent in pairs stored before links synced.
   */
  issueLinks?: string[];
  /**
   * The parent as last synced: its pair, and its issue on each side (null: no parent). Absent until the
   * hierarchy rule first saw the pair. A side whose parent differs from this moved.
   */
  hierarchy?: SyncedParent;
  /** Link keys a tracker refused to write, with why; planning leaves them alone. */
  refusedLinks?: { key: string; side: Side; reason: string }[];
  conflicts: Conflict[];
  status: PairStatus;
  /**
   * Writes begun and not yet confirmed, by mutation key. A key present on retry means the write may have
   * happened: the executor looks for it by origin before writing again.
   */
  inflight: Record<string, InflightWrite>;
  /** Remote `updated` at the last sync, for the self-healing pass. */
  lastRemoteUpdated?: string;
  lastLocalUpdated?: string;
  lastSyncedAt?: string;
}

export interface CycleSummary {
  at: string;
  incoming: number;
  outgoing: number;
  errors: number;
  held: boolean;
  dryRun: boolean;
}

/** The last bulk connect: what was scanned, linked, and left alone as ambiguous. */
export interface BackfillProgress {
  startedAt: string;
  finishedAt?: string;
  match: { local: string; remote: string };
  scanned: { local: number; remote: number };
  linked: number;
  ambiguous: number;
  /** The copies its full cycles make of what did not match (backfill-copies.ts); absent until the first. */
  copies?: BackfillCopies;
}

export interface BackfillCopies {
  /** Issues to copy, as the first full cycle after the linking found them. */
  total: number;
  /** Still to copy, and tracker writes still to make per side, as the latest full cycle found them. */
  remaining: number;
  writes: { local: number; remote: number };
  at: string;
  finishedAt?: string;
}

/**
 * `offered`: a listing was allowed to leave these copies out. Jira's filter names whole minutes, so that
 * listing may also have left out a person's edit made up to a minute after `until`; the next listing
 * reads the group by id, which shows any such edit, and the group is `checked`: no edit can hide in that
 * minute any more, so every listing leaves it out until the cursor has passed it.
 */
export type KnownCopyGroup = KnownUnchanged & { offered?: boolean; checked?: boolean };

export interface ConnectionState {
  connectionId: string;
  /** ISO times of the newest `updated` seen per side; the next cycle reads from here minus an overlap. */
  cursors: { local?: string; remote?: string };
  /**
   * Copies Tandem created, by the minute their writing ended: their `updated` moved after the listing that
   * set the cursors, so without this the next listing would read them all again. A group is left out of
   * one listing (`offered`), then read by id once and dropped (plan-cycle.ts); one never offered is
   * dropped once the cursor has passed it.
   */
  knownCopies?: { local?: KnownCopyGroup[]; remote?: KnownCopyGroup[] };
  /** Why the last cycle could not run (a remote that refuses the credentials, a wrong URL); cleared on success. */
  lastError?: { message: string; code: string; at: string };
  backfill?: BackfillProgress;
  /** When a cycle last ran to its end; Activity shows a connection that has gone too long without one. */
  lastCompletedAt?: string;
  /** When the last full scan (the self-healing pass) completed. */
  lastFullScanAt?: string;
  /** A plan over the mutation limit waits here for an admin to approve or discard it. */
  heldPlan?: SyncPlan;
  /** Plans approved and executed, by id, so a second approval of the same plan does nothing. */
  executedPlanIds: string[];
  recentCycles: CycleSummary[];
}

export const emptyConnectionState = (connectionId: string): ConnectionState => ({
  connectionId,
  cursors: {},
  executedPlanIds: [],
  recentCycles: [],
});

export const newPair = (connectionId: string, pairId: string): LinkedPair => ({
  connectionId,
  pairId,
  base: { local: {}, remote: {} },
  comments: [],
  attachments: [],
  skippedAttachments: [],
  conflicts: [],
  status: { state: 'pending', reason: 'not yet synced' },
  inflight: {},
});

export const pairIdFor = (side: Side, issueId: string): string =>
  `${side === 'local' ? 'l' : 'r'}-${issueId}`;
