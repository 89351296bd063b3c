/**
 * Attribute rules for one pair: from both issues as they are now and the three-way base, decide what to
 * write on each side. Pure; the cycle turns the outcome into mutations.
 *
 * Echo suppression lives here: a side "changed" only when its value differs from the base, and values
 * that already agree write nothing, so our own writes coming back never bounce.
 */
import type { CanonicalIssue, FieldPatch, Json, Side } from '../model';
import { getPath } from '../paths';
import type { Connection } from '../schema/connection';
import type { ConflictPolicy, Rule, RuleOf } from '../schema/rules';
import type { Base, Conflict } from '../state';
import { localToRemote, remoteToLocal } from '../value-map';
import { isEmpty, mergeSets, plainText, sameValue } from '../values';
import { outgoingAllowed, ruleApplies } from './rule-applies';

export interface AttributeInput {
  connection: Connection;
  local: CanonicalIssue | undefined;
  remote: CanonicalIssue | undefined;
  base: Base;
  creating: Side | undefined;
  now: string;
}

export interface AttributeOutcome {
  patch: { local: FieldPatch; remote: FieldPatch };
  /**
   * Base entries to store once the write to that side succeeds: the written values, and the partner
   * values they came from. Kept per side so a failed write on one side loses nothing on the other.
   */
  baseOnWrite: Record<Side, Base>;
  /** Base entries already true (the two sides agree): stored with no write at all. */
  baseNow: Base;
  /** For each written path, the partner paths its value came from: dropped from the base if it is not written. */
  sources: Record<Side, Record<string, string[]>>;
  /** Values for transition screens (resolution), by field id, when a write moves the issue through its workflow. */
  screen: Record<Side, Record<string, Json>>;
  conflicts: Conflict[];
  /** Comments to add on the local issue (message-from-field), with the base to store once added. */
  messages: { text: string; base: Base }[];
  /** Rules to run once more right after the remote issue exists. */
  afterCreate: Rule[];
}

const emptyBase = (): Base => ({ local: {}, remote: {} });

type Ctx = AttributeInput & { out: AttributeOutcome };

export function planAttributes(input: AttributeInput): AttributeOutcome {
  const out: AttributeOutcome = {
    patch: { local: {}, remote: {} },
    baseOnWrite: { local: emptyBase(), remote: emptyBase() },
    baseNow: emptyBase(),
    sources: { local: {}, remote: {} },
    screen: { local: {}, remote: {} },
    conflicts: [],
    messages: [],
    afterCreate: [],
  };
  const ctx: Ctx = { ...input, out };
  for (const rule of input.connection.rules) {
    if (!ruleApplies(rule, input.connection, { creating: input.creating, remote: input.remote })) continue;
    if (rule.afterCreate && input.creating === 'remote') out.afterCreate.push(rule);
    applyRule(ctx, rule);
  }
  return out;
}

function applyRule(ctx: Ctx, rule: Rule): void {
  switch (rule.kind) {
    case 'one-way': {
      oneWay(ctx, rule);
      return;
    }
    case 'default': {
      defaultRule(ctx, rule);
      return;
    }
    case 'to-remote': {
      toRemote(ctx, rule);
      return;
    }
    case 'multi-to-remote': {
      multiToRemote(ctx, rule);
      return;
    }
    case 'two-way': {
      twoWay(ctx, rule);
      return;
    }
    case 'message-from-field': {
      messageFromField(ctx, rule);
      return;
    }
    case 'default-message':
    case 'files':
    case 'messages':
      // Comments and attachments have their own planners; the default message is decided after them.
      return;
  }
}

const read = (issue: CanonicalIssue | undefined, path: string): Json | undefined =>
  issue ? getPath(issue.fields, path) : undefined;

/** The value to write on the local side for a remote value, with the map and the local default. */
type Mapped = {
  map?: RuleOf<'one-way'>['map'] | undefined;
  localDefault?: Json | undefined;
  remoteDefault?: Json | undefined;
  screenFields?: RuleOf<'one-way'>['screenFields'];
};

function forLocal(rule: Mapped, remote: Json | undefined): Json {
  const v = remoteToLocal(rule.map, remote);
  return isEmpty(v) && rule.localDefault !== undefined ? rule.localDefault : (v ?? null);
}

function forRemote(rule: Mapped, local: Json | undefined): Json {
  const v = localToRemote(rule.map, local);
  return isEmpty(v) && rule.remoteDefault !== undefined ? rule.remoteDefault : (v ?? null);
}

/** Partner values a write came from: `[path, value]` on the other side. */
type Sources = [string, Json | undefined][];

function writeLocal(
  ctx: Ctx,
  path: string,
  value: Json,
  sources: Sources | 'no-base' = [],
  rule?: Mapped,
): void {
  if (path in ctx.out.patch.local) return; // an earlier rule already decided this field
  ctx.out.patch.local[path] = value;
  if (sources === 'no-base') return;
  screenValues(ctx, 'local', rule, sources);
  const base = ctx.out.baseOnWrite.local;
  base.local[path] = value;
  for (const [p, v] of sources) base.remote[p] = v ?? null;
  ctx.out.sources.local[path] = sources.map(([p]) => p);
}

function writeRemote(ctx: Ctx, path: string, value: Json, sources: Sources = [], rule?: Mapped): void {
  if (path in ctx.out.patch.remote || !outgoingAllowed(ctx.connection, path)) return;
  ctx.out.patch.remote[path] = value;
  screenValues(ctx, 'remote', rule, sources);
  const base = ctx.out.baseOnWrite.remote;
  base.remote[path] = value;
  for (const [p, v] of sources) base.local[p] = v ?? null;
  ctx.out.sources.remote[path] = sources.map(([p]) => p);
}

/** The rule's transition-screen values for this write, chosen by the value it came from. */
function screenValues(ctx: Ctx, side: Side, rule: Mapped | undefined, sources: Sources): void {
  const source = sources[0]?.[1];
  for (const [field, cfg] of Object.entries(rule?.screenFields ?? {})) {
    const value = cfg.map?.find((row) => sameValue(row.source, source))?.value ?? cfg.default;
    if (value !== undefined) ctx.out.screen[side][field] = value;
  }
}

/** Both sides agree on these values: the base can say so without any write. */
const agree = (ctx: Ctx, local: Sources, remote: Sources) => {
  for (const [p, v] of local) if (!(p in ctx.out.patch.local)) ctx.out.baseNow.local[p] = v ?? null;
  for (const [p, v] of remote) if (!(p in ctx.out.patch.remote)) ctx.out.baseNow.remote[p] = v ?? null;
};

/** Remote → local, always: the local value follows the remote one. */
function oneWay(ctx: Ctx, rule: RuleOf<'one-way'>): void {
  if (!ctx.remote) return;
  const r = read(ctx.remote, rule.remote);
  const target = forLocal(rule, r);
  if (ctx.local && sameValue(read(ctx.local, rule.local), target)) {
    agree(ctx, [[rule.local, target]], [[rule.remote, r]]);
    return;
  }
  writeLocal(ctx, rule.local, target, [[rule.remote, r]], rule);
}

/** Remote → local, only while the local value is empty (typically when the local issue is created). */
function defaultRule(ctx: Ctx, rule: RuleOf<'default'>): void {
  const l = read(ctx.local, rule.local);
  if (!isEmpty(l)) {
    agree(ctx, [[rule.local, l]], []);
    return;
  }
  const r = rule.remote ? read(ctx.remote, rule.remote) : undefined;
  const v = isEmpty(r) ? rule.default : remoteToLocal(rule.map, r);
  if (!isEmpty(v) && v !== undefined)
    writeLocal(ctx, rule.local, v, rule.remote ? [[rule.remote, r]] : [], rule);
}

/** Local → remote, always. */
function toRemote(ctx: Ctx, rule: RuleOf<'to-remote'>): void {
  const l = read(ctx.local, rule.local);
  const target = forRemote(rule, l);
  if (ctx.remote && sameValue(read(ctx.remote, rule.remote), target)) {
    agree(ctx, [[rule.local, l]], [[rule.remote, target]]);
    return;
  }
  writeRemote(ctx, rule.remote, target, [[rule.local, l]], rule);
}

/** Several local values → one remote value, by the first row of the table that matches (null = any). */
function multiToRemote(ctx: Ctx, rule: RuleOf<'multi-to-remote'>): void {
  const values: Sources = rule.locals.map((p) => [p, read(ctx.local, p)]);
  const row = rule.table.find((r) => r.match.every((m, i) => m === null || sameValue(m, values[i]?.[1])));
  const target = row ? row.value : rule.remoteDefault;
  if (target === undefined) return;
  if (ctx.remote && sameValue(read(ctx.remote, rule.remote), target)) {
    agree(ctx, values, [[rule.remote, target]]);
    return;
  }
  writeRemote(ctx, rule.remote, target, values, rule);
}

/**
 * Both ways, against the base: the side that changed wins; when both changed, the values are merged (sets)
 * or the conflict policy decides. A missing base (a pair linked just now) counts as both changed. A write
 * that failed leaves the base where it was, so its change still shows on the side it came from.
 */
function twoWay(ctx: Ctx, rule: RuleOf<'two-way'>): void {
  const { local, remote } = ctx;
  const l = read(local, rule.local);
  const r = read(remote, rule.remote);
  const toLocal = () => {
    writeLocal(ctx, rule.local, forLocal(rule, r), [[rule.remote, r]], rule);
  };
  const toRemoteSide = () => {
    writeRemote(ctx, rule.remote, forRemote(rule, l), [[rule.local, l]], rule);
  };
  if (!remote) return toRemoteSide();
  if (!local) return toLocal();

  if (sameValue(forRemote(rule, l), r) || sameValue(forLocal(rule, r), l)) {
    agree(ctx, [[rule.local, l]], [[rule.remote, r]]);
    return;
  }
  // Each side is judged by its own base: a side whose value was never written (a create that could not
  // reach the status) has none and counts as changed, while the other side's read-back base still holds.
  const knownLocal = rule.local in ctx.base.local;
  const knownRemote = rule.remote in ctx.base.remote;
  const known = knownLocal && knownRemote;
  const bl = ctx.base.local[rule.local];
  const lChanged = !knownLocal || !sameValue(l, bl);
  const rChanged = !knownRemote || !sameValue(r, ctx.base.remote[rule.remote]);
  if (rChanged && !lChanged) return toLocal();
  if (lChanged && !rChanged) return toRemoteSide();
  // Neither side moved since the last sync, yet the values differ: they are the same text in two formats
  // (ADF on Jira, Markdown elsewhere), each as its side holds it (see asHeld in apply-mutation.ts). Every
  // write stores both sides' base, so a base that both sides still match means they were in step; writing
  // again would only convert the text once more, lossily, every cycle.
  if (known && !lChanged && !rChanged) return;

  // With no base (a pair just linked), the merge is the union of both sides.
  if (rule.mergeSets && lChanged && rChanged && (Array.isArray(l) || Array.isArray(r))) {
    // The base moves only when the remote write (which runs last) lands, to both merged values; if it
    // fails, the old base stays and the next cycle merges again from where things really are.
    const merged = mergeSets(forRemote(rule, bl), forRemote(rule, l), r);
    const mergedLocal = forLocal(rule, merged);
    writeLocal(ctx, rule.local, mergedLocal, 'no-base');
    writeRemote(ctx, rule.remote, merged, [[rule.local, mergedLocal]]);
    return;
  }
  const winner = decide(rule.conflict, local.updated, remote.updated);
  if (winner === 'remote') return toLocal();
  if (winner === 'local') return toRemoteSide();
  ctx.out.conflicts.push({
    localPath: rule.local,
    remotePath: rule.remote,
    localValue: l ?? null,
    remoteValue: r ?? null,
    detectedAt: ctx.now,
  });
}

function decide(policy: ConflictPolicy, localUpdated: string, remoteUpdated: string): Side | 'manual' {
  switch (policy) {
    case 'remote-wins':
      return 'remote';
    case 'local-wins':
      return 'local';
    case 'newest-wins':
      // Ties go to the remote side, trackersync's default.
      return Date.parse(localUpdated) > Date.parse(remoteUpdated) ? 'local' : 'remote';
    case 'manual':
      return 'manual';
  }
}

/** A remote field becomes a local comment with a headline whenever it changes (KPM's "Analyse"). */
function messageFromField(ctx: Ctx, rule: RuleOf<'message-from-field'>): void {
  if (!ctx.remote) return;
  const r = read(ctx.remote, rule.remote);
  const seen = rule.remote in ctx.base.remote;
  if (!isEmpty(r) && (!seen || !sameValue(r, ctx.base.remote[rule.remote]))) {
    const text = `${rule.headline}\n${plainText(r)}`;
    ctx.out.messages.push({ text, base: { local: {}, remote: { [rule.remote]: r ?? null } } });
  } else {
    ctx.out.baseNow.remote[rule.remote] = r ?? null;
  }
}
