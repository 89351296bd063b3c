/**
 * A SyncPlan is the list of writes a cycle intends, built before any is executed, so damage control can
 * count them and an admin can read, hold, approve or discard them. Every mutation is self-contained: it
 * carries what it writes and how the pair's base changes once the write succeeds.
 */
import type { DriftedField } from './rules/find-drift';
import type { FieldPatch, Json, Side, WorklogInput } from './model';
import type { Base, Conflict, SyncedParent } from './state';

interface MutationBase {
  /** Stable within a plan and across retries of it: `<pairId>:<what>`. Used as the in-flight key. */
  key: string;
  pairId: string;
  /** The side written to. */
  side: Side;
}

export type Mutation =
  | (MutationBase & {
      kind: 'create-issue';
      /** Id of the partner issue this copies: the origin marker a retry searches for. */
      sourceId: string;
      fields: FieldPatch;
      base: Partial<Base>;
      /** For each field written, the partner paths its value came from (absent in plans stored before). */
      sources?: Record<string, string[]>;
      /** Values for workflow transition screens (resolution), by field id. */
      screen?: Record<string, Json>;
    })
  | (MutationBase & {
      kind: 'update-issue';
      patch: FieldPatch;
      base: Partial<Base>;
      sources?: Record<string, string[]>;
      screen?: Record<string, Json>;
    })
  | (MutationBase & {
      kind: 'add-comment';
      sourceCommentId: string;
      body: Json;
      sourceHash: string;
      attribution?: string;
    })
  | (MutationBase & {
      kind: 'update-comment';
      commentId: string;
      sourceCommentId: string;
      body: Json;
      sourceHash: string;
      attribution?: string;
    })
  | (MutationBase & { kind: 'delete-comment'; commentId: string; sourceCommentId: string })
  | (MutationBase & {
      kind: 'add-message';
      /** A comment that is not a copy of a partner comment (message-from-field, default message). */
      body: Json;
      base: Partial<Base>;
    })
  | (MutationBase & {
      kind: 'upload-attachment';
      sourceAttachmentId: string;
      filename: string;
      mimeType: string;
      size: number;
    })
  | (MutationBase & { kind: 'delete-attachment'; attachmentId: string; sourceAttachmentId: string })
  | (MutationBase & {
      kind: 'add-issue-link';
      /** `<type>><target pairId>`, recorded on the pair once the link exists. */
      linkKey: string;
      type: string;
      /** The target's issue id on the side written to; the source is this pair's issue there. */
      targetIssueId: string;
    })
  | (MutationBase & { kind: 'delete-issue-link'; linkKey: string; linkId: string })
  | WorklogMutation
  | HierarchyMutation;

/** A move of the issue under another parent (rule kind `hierarchy`); see rules/plan-hierarchy.ts. */
export type HierarchyMutation = MutationBase & {
  kind: 'set-parent';
  /** The parent's issue id on the side written; null removes the parent. */
  parentId: string | null;
  /** The parent as synced once the write lands, stored on the pair. */
  synced: SyncedParent;
};

/** Worklog writes (rule kind `worklogs`); keys and origins are built in identity.ts. */
export type WorklogMutation =
  | (MutationBase & {
      kind: 'add-worklog';
      sourceWorklogId: string;
      worklog: WorklogInput;
      /** Hash of the original as read (time, start, comment), stored on the link. */
      sourceHash: string;
      attribution: string;
    })
  | (MutationBase & {
      kind: 'update-worklog';
      worklogId: string;
      sourceWorklogId: string;
      worklog: WorklogInput;
      sourceHash: string;
      attribution: string;
    })
  | (MutationBase & { kind: 'delete-worklog'; worklogId: string; sourceWorklogId: string });

/** State-only changes that write nothing to a tracker: not counted by damage control. */
export type Bookkeeping =
  | { kind: 'record-base'; pairId: string; base: Partial<Base>; updated: { local?: string; remote?: string } }
  | { kind: 'record-conflicts'; pairId: string; conflicts: Conflict[] }
  | { kind: 'record-skip'; pairId: string; side: Side; id: string; filename: string; reason: string }
  /** Both the original and its copy are gone: the link has nothing left to connect. */
  | {
      kind: 'forget-link';
      pairId: string;
      what: 'comment' | 'attachment' | 'worklog';
      local: string;
      remote: string;
    }
  /** Issue links found on both sides are synced; a synced link gone from both is forgotten. */
  | { kind: 'record-issue-links'; pairId: string; add: string[]; remove: string[] }
  /**
   * The parent as now synced on both sides (`synced`), and why the pair waits on its hierarchy, when it
   * does (`waiting`: its parent's copy is not there yet, or its parent is outside the sync); a waiting pair
   * is pending with that reason.
   */
  | { kind: 'record-parent'; pairId: string; synced?: SyncedParent; waiting?: string }
  /** Journal entries of stepwise writes that the plan does not repeat: they ended where the issue is. */
  | { kind: 'end-inflight'; pairId: string; keys: string[] }
  /** The self-healing pass compared the pair's mapped values: what differs (drift), or nothing (in sync). */
  | { kind: 'record-drift'; pairId: string; fields: DriftedField[]; message: string }
  /** One side of the pair no longer exists (deleted, or out of the app's reach): never recreated, shown as an error. */
  | { kind: 'record-partner-gone'; pairId: string; side: Side; key: string; message: string };

export interface PairRefs {
  pairId: string;
  local?: { id: string; key: string; url: string };
  remote?: { id: string; key: string; url: string };
}

export interface SyncPlan {
  id: string;
  connectionId: string;
  createdAt: string;
  /** Incoming (writes to local) come first, then outgoing (writes to remote). */
  mutations: Mutation[];
  bookkeeping: Bookkeeping[];
  /** Issues the plan touches, so execution can create pair records it has not seen before. */
  pairs: PairRefs[];
  /**
   * Issues to look at again right after this plan runs, by side: pairs whose issue links wait on a
   * partner this plan creates.
   */
  followUp?: { local: string[]; remote: string[] };
  /** Set when an admin approved a held plan; an approved plan is finished even after a crash. */
  approvedAt?: string;
  /** Cursors to store once the plan has executed. */
  cursors: { local?: string; remote?: string };
  /**
   * The known-copy groups (ConnectionState.knownCopies, by knownGroupKey) this plan's listing left out
   * (`offered`) and read by id (`retired`), to be marked and dropped once its run is stored.
   */
  knownCopies?: { offered: string[]; retired: string[] };
}

export const countBySide = (plan: SyncPlan): { incoming: number; outgoing: number } => ({
  incoming: plan.mutations.filter((m) => m.side === 'local').length,
  outgoing: plan.mutations.filter((m) => m.side === 'remote').length,
});
