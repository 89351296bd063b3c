/**
 * Schemas for what the store reads back from KVS. A record written by another app version, or damaged,
 * fails here with its key in the message instead of surfacing later as a `cannot read property` deep in
 * the engine.
 *
 * The core declares LinkedPair and ConnectionState as interfaces; zod infers `prop?: T | undefined` for
 * optionals, which exactOptionalPropertyTypes will not assign to `prop?: T`. JSON cannot carry
 * `undefined`, so the difference is only in the types: `SameShape` proves at compile time that each
 * schema and its interface describe the same JSON, which makes the final `z.custom<T>()` exact.
 */
import { z } from 'zod';
import type { ConnectionState, LinkedPair } from '../../core/state';
import { StorageError } from './storage-error';

type DeepExact<T> = T extends readonly (infer U)[]
  ? DeepExact<U>[]
  : T extends object
    ? { [K in keyof T]: DeepExact<Exclude<T[K], undefined>> }
    : T;
/** Every key required: equal DeepRequired types have the same keys, so no field is silently stripped. */
type DeepRequired<T> = T extends readonly (infer U)[]
  ? DeepRequired<U>[]
  : T extends object
    ? { [K in keyof T]-?: DeepRequired<Exclude<T[K], undefined>> }
    : T;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** `unknown` when S parses exactly the JSON that T describes, else `never` (a compile error at the call). */
type SameShape<S extends z.ZodType, T> = [DeepExact<z.output<S>>] extends [T]
  ? [T] extends [z.input<S>]
    ? Mutual<DeepRequired<z.output<S>>, DeepRequired<T>> extends true
      ? unknown
      : never
    : never
  : never;

const recordOf =
  <T>() =>
  <S extends z.ZodType>(shape: S & SameShape<S, T>): z.ZodType<T> =>
    shape.transform((value) => z.custom<T>().parse(value));

const side = z.enum(['local', 'remote']);
const json = z.json();
const jsonRecord = z.record(z.string(), json);
const driftedField = z.object({ local: z.string(), remote: z.string(), localValue: json, remoteValue: json });
const ref = z.object({ id: z.string(), key: z.string(), url: z.string() });
const partialBase = z.object({ local: jsonRecord.optional(), remote: jsonRecord.optional() });
const knownUnchanged = z.object({
  ids: z.array(z.string()),
  until: z.string(),
  offered: z.boolean().optional(),
  checked: z.boolean().optional(),
});
const cursors = z.object({ local: z.string().optional(), remote: z.string().optional() });
const conflict = z.object({
  localPath: z.string(),
  remotePath: z.string(),
  localValue: json,
  remoteValue: json,
  detectedAt: z.string(),
});

/** A comment or work log and its copy: both ids, both content hashes, and the side it was written on first. */
const copiedEntryLink = z.object({
  local: z.string(),
  remote: z.string(),
  localHash: z.string(),
  remoteHash: z.string(),
  origin: side,
});

/** The parent as last synced: its pair and its issue on each side (null: none). */
const syncedParent = z.object({
  pairId: z.string().nullable(),
  local: z.string().nullable(),
  remote: z.string().nullable(),
});

const pairShape = z.object({
  connectionId: z.string(),
  pairId: z.string(),
  local: ref.optional(),
  remote: ref.optional(),
  base: z.object({ local: jsonRecord, remote: jsonRecord }),
  comments: z.array(copiedEntryLink),
  worklogs: z.array(copiedEntryLink).optional(),
  attachments: z.array(z.object({ local: z.string(), remote: z.string(), filename: z.string() })),
  skippedAttachments: z.array(z.object({ side, id: z.string(), filename: z.string(), reason: z.string() })),
  issueLinks: z.array(z.string()).optional(),
  hierarchy: syncedParent.optional(),
  refusedLinks: z.array(z.object({ key: z.string(), side, reason: z.string() })).optional(),
  conflicts: z.array(conflict),
  status: z.discriminatedUnion('state', [
    z.object({ state: z.literal('ok') }),
    z.object({ state: z.literal('pending'), reason: z.string() }),
    z.object({ state: z.literal('conflict') }),
    z.object({
      state: z.literal('error'),
      message: z.string(),
      attempts: z.number(),
      lastAttemptAt: z.string(),
    }),
    z.object({
      state: z.literal('drift'),
      fields: z.array(driftedField),
      message: z.string(),
      since: z.string(),
    }),
  ]),
  inflight: z.record(
    z.string(),
    z.object({
      at: z.string(),
      base: partialBase.optional(),
      sourceHash: z.string().optional(),
      paths: z.array(z.string()).optional(),
      created: z.object({ id: z.string(), key: z.string(), url: z.string() }).optional(),
    }),
  ),
  lastRemoteUpdated: z.string().optional(),
  lastLocalUpdated: z.string().optional(),
  lastSyncedAt: z.string().optional(),
});

const mutationBase = { key: z.string(), pairId: z.string(), side };
const sourceComment = {
  sourceCommentId: z.string(),
  body: json,
  sourceHash: z.string(),
  attribution: z.string().optional(),
};
const userRef = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  email: z.string().optional(),
});
const sourceWorklog = {
  sourceWorklogId: z.string(),
  worklog: z.object({
    started: z.string(),
    timeSpentSeconds: z.number(),
    comment: json,
    author: userRef.optional(),
  }),
  sourceHash: z.string(),
  attribution: z.string(),
};
const mutation = z.discriminatedUnion('kind', [
  z.object({
    ...mutationBase,
    kind: z.literal('create-issue'),
    sourceId: z.string(),
    fields: jsonRecord,
    base: partialBase,
    sources: z.record(z.string(), z.array(z.string())).optional(),
    screen: jsonRecord.optional(),
  }),
  z.object({
    ...mutationBase,
    kind: z.literal('update-issue'),
    patch: jsonRecord,
    base: partialBase,
    sources: z.record(z.string(), z.array(z.string())).optional(),
    screen: jsonRecord.optional(),
  }),
  z.object({ ...mutationBase, kind: z.literal('add-comment'), ...sourceComment }),
  z.object({ ...mutationBase, kind: z.literal('update-comment'), commentId: z.string(), ...sourceComment }),
  z.object({
    ...mutationBase,
    kind: z.literal('delete-comment'),
    commentId: z.string(),
    sourceCommentId: z.string(),
  }),
  z.object({ ...mutationBase, kind: z.literal('add-message'), body: json, base: partialBase }),
  z.object({
    ...mutationBase,
    kind: z.literal('upload-attachment'),
    sourceAttachmentId: z.string(),
    filename: z.string(),
    mimeType: z.string(),
    size: z.number(),
  }),
  z.object({
    ...mutationBase,
    kind: z.literal('delete-attachment'),
    attachmentId: z.string(),
    sourceAttachmentId: z.string(),
  }),
  z.object({
    ...mutationBase,
    kind: z.literal('add-issue-link'),
    linkKey: z.string(),
    type: z.string(),
    targetIssueId: z.string(),
  }),
  z.object({
    ...mutationBase,
    kind: z.literal('delete-issue-link'),
    linkKey: z.string(),
    linkId: z.string(),
  }),
  z.object({ ...mutationBase, kind: z.literal('add-worklog'), ...sourceWorklog }),
  z.object({ ...mutationBase, kind: z.literal('update-worklog'), worklogId: z.string(), ...sourceWorklog }),
  z.object({
    ...mutationBase,
    kind: z.literal('set-parent'),
    parentId: z.string().nullable(),
    synced: syncedParent,
  }),
  z.object({
    ...mutationBase,
    kind: z.literal('delete-worklog'),
    worklogId: z.string(),
    sourceWorklogId: z.string(),
  }),
]);
const bookkeeping = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record-base'), pairId: z.string(), base: partialBase, updated: cursors }),
  z.object({ kind: z.literal('record-conflicts'), pairId: z.string(), conflicts: z.array(conflict) }),
  z.object({
    kind: z.literal('record-skip'),
    pairId: z.string(),
    side,
    id: z.string(),
    filename: z.string(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('forget-link'),
    pairId: z.string(),
    what: z.enum(['comment', 'attachment', 'worklog']),
    local: z.string(),
    remote: z.string(),
  }),
  z.object({
    kind: z.literal('record-issue-links'),
    pairId: z.string(),
    add: z.array(z.string()),
    remove: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('record-parent'),
    pairId: z.string(),
    synced: syncedParent.optional(),
    waiting: z.string().optional(),
  }),
  z.object({ kind: z.literal('end-inflight'), pairId: z.string(), keys: z.array(z.string()) }),
  z.object({
    kind: z.literal('record-drift'),
    pairId: z.string(),
    fields: z.array(driftedField),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('record-partner-gone'),
    pairId: z.string(),
    side,
    key: z.string(),
    message: z.string(),
  }),
]);
const plan = z.object({
  id: z.string(),
  connectionId: z.string(),
  createdAt: z.string(),
  mutations: z.array(mutation),
  bookkeeping: z.array(bookkeeping),
  pairs: z.array(z.object({ pairId: z.string(), local: ref.optional(), remote: ref.optional() })),
  followUp: z.object({ local: z.array(z.string()), remote: z.array(z.string()) }).optional(),
  approvedAt: z.string().optional(),
  cursors,
  knownCopies: z.object({ offered: z.array(z.string()), retired: z.array(z.string()) }).optional(),
});
const connectionStateShape = z.object({
  connectionId: z.string(),
  cursors,
  knownCopies: z
    .object({ local: z.array(knownUnchanged).optional(), remote: z.array(knownUnchanged).optional() })
    .optional(),
  heldPlan: plan.optional(),
  lastFullScanAt: z.string().optional(),
  backfill: z
    .object({
      startedAt: z.string(),
      finishedAt: z.string().optional(),
      match: z.object({ local: z.string(), remote: z.string() }),
      scanned: z.object({ local: z.number(), remote: z.number() }),
      linked: z.number(),
      ambiguous: z.number(),
      copies: z
        .object({
          total: z.number(),
          remaining: z.number(),
          writes: z.object({ local: z.number(), remote: z.number() }),
          at: z.string(),
          finishedAt: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  lastError: z.object({ message: z.string(), code: z.string(), at: z.string() }).optional(),
  lastCompletedAt: z.string().optional(),
  executedPlanIds: z.array(z.string()),
  recentCycles: z.array(
    z.object({
      at: z.string(),
      incoming: z.number(),
      outgoing: z.number(),
      errors: z.number(),
      held: z.boolean(),
      dryRun: z.boolean(),
    }),
  ),
});

export const LinkedPairRecord = recordOf<LinkedPair>()(pairShape);
export const ConnectionStateRecord = recordOf<ConnectionState>()(connectionStateShape);

/** Parses a stored value or throws `corrupt_record` naming the key, so an admin can find and fix it. */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown, key: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StorageError(
      'corrupt_record',
      `stored record ${key} does not parse: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
