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
  /** The base once the patches are written. */
  base: Base;
  conflicts: Conflict[];
  /** Comments to add on the local issue (message-from-field, default message). */
  messages: string[];
  /** Rules to run once more right after the remote issue exists. */
  afterCreate: Rule[];
}

type Ctx = AttributeInput & { out: AttributeOutcome };

export function planAttributes(input: AttributeInput): AttributeOutcome {
  const out: AttributeOutcome = {
    patch: { local: {}, remote: {} },
    base: { local: { ...input.base.local }, remote: { ...input.base.remote } },
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
};

function forLocal(rule: Mapped, remote: Json | undefined): Json {
  const v = remoteToLocal(rule.map, remote);
  return isEmpty(v) && rule.localDefault !== undefined ? rule.localDefault : (v ?? null);
}

function forRemote(rule: Mapped, local: Json | undefined): Json {
  const v = localToRemote(rule.map, local);
  return isEmpty(v) && rule.remoteDefault !== undefined ? rule.remoteDefault : (v ?? null);
}

function writeLocal(ctx: Ctx, path: string, value: Json): void {
  if (path in ctx.out.patch.local) return; // an earlier rule already decided this field
  ctx.out.patch.local[path] = value;
  ctx.out.base.local[path] = value;
}

function writeRemote(ctx: Ctx, path: string, value: Json): boolean {
  if (path in ctx.out.patch.remote) return true;
  if (!outgoingAllowed(ctx.connection, path)) return false;
  ctx.out.patch.remote[path] = value;
  ctx.out.base.remote[path] = value;
  return true;
}

const remember = (ctx: Ctx, side: Side, path: string, value: Json | undefined) => {
  if (!(path in ctx.out.patch[side])) ctx.out.base[side][path] = value ?? null;
};

/** Remote → local, always: the local value follows the remote one. */
function oneWay(ctx: Ctx, rule: RuleOf<'one-way'>): void {
  if (!ctx.remote) return;
  const r = read(ctx.remote, rule.remote);
  const target = forLocal(rule, r);
  remember(ctx, 'remote', rule.remote, r);
  if (!ctx.local || !sameValue(read(ctx.local, rule.local), target)) writeLocal(ctx, rule.local, target);
  else remember(ctx, 'local', rule.local, target);
}

/** Remote → local, only while the local value is empty (typically when the local issue is created). */
function defaultRule(ctx: Ctx, rule: RuleOf<'default'>): void {
  const l = read(ctx.local, rule.local);
  if (!isEmpty(l)) {
    remember(ctx, 'local', rule.local, l);
    return;
  }
  const r = rule.remote ? read(ctx.remote, rule.remote) : undefined;
  const v = isEmpty(r) ? rule.default : remoteToLocal(rule.map, r);
  if (!isEmpty(v) && v !== undefined) writeLocal(ctx, rule.local, v);
}

/** Local → remote, always. */
function toRemote(ctx: Ctx, rule: RuleOf<'to-remote'>): void {
  const l = read(ctx.local, rule.local);
  const target = forRemote(rule, l);
  remember(ctx, 'local', rule.local, l);
  if (ctx.remote && sameValue(read(ctx.remote, rule.remote), target)) {
    remember(ctx, 'remote', rule.remote, target);
    return;
  }
  writeRemote(ctx, rule.remote, target);
}

/** Several local values → one remote value, by the first row of the table that matches (null = any). */
function multiToRemote(ctx: Ctx, rule: RuleOf<'multi-to-remote'>): void {
  const values = rule.locals.map((p) => read(ctx.local, p));
  rule.locals.forEach((p, i) => {
    remember(ctx, 'local', p, values[i]);
  });
  const row = rule.table.find((r) => r.match.every((m, i) => m === null || sameValue(m, values[i])));
  const target = row ? row.value : rule.remoteDefault;
  if (target === undefined) return;
  if (ctx.remote && sameValue(read(ctx.remote, rule.remote), target)) {
    remember(ctx, 'remote', rule.remote, target);
    return;
  }
  writeRemote(ctx, rule.remote, target);
}

/**
 * Both ways, against the base: the side that changed wins; when both changed, the values are merged (sets)
 * or the conflict policy decides. A missing base (a pair linked just now) counts as both changed.
 */
function twoWay(ctx: Ctx, rule: RuleOf<'two-way'>): void {
  const { local, remote } = ctx;
  if (!remote) {
    remember(ctx, 'local', rule.local, read(local, rule.local));
    return void writeRemote(ctx, rule.remote, forRemote(rule, read(local, rule.local)));
  }
  if (!local) {
    remember(ctx, 'remote', rule.remote, read(remote, rule.remote));
    writeLocal(ctx, rule.local, forLocal(rule, read(remote, rule.remote)));
    return;
  }

  const l = read(local, rule.local);
  const r = read(remote, rule.remote);
  const known = rule.local in ctx.base.local && rule.remote in ctx.base.remote;
  const bl = ctx.base.local[rule.local];
  const br = ctx.base.remote[rule.remote];
  const lChanged = !known || !sameValue(l, bl);
  const rChanged = !known || !sameValue(r, br);

  if (sameValue(forRemote(rule, l), r) || sameValue(forLocal(rule, r), l)) {
    remember(ctx, 'local', rule.local, l);
    remember(ctx, 'remote', rule.remote, r);
    return;
  }
  if (!lChanged && !rChanged) return; // they disagree through a lossy map; leave both alone
  const toLocal = () => {
    remember(ctx, 'remote', rule.remote, r);
    writeLocal(ctx, rule.local, forLocal(rule, r));
  };
  const toRemoteSide = () => {
    remember(ctx, 'local', rule.local, l);
    if (!writeRemote(ctx, rule.remote, forRemote(rule, l))) return;
  };
  if (rChanged && !lChanged) {
    toLocal();
    return;
  }
  if (lChanged && !rChanged) {
    toRemoteSide();
    return;
  }

  if (rule.mergeSets && known && (Array.isArray(l) || Array.isArray(r))) {
    const merged = mergeSets(forRemote(rule, bl), forRemote(rule, l), r);
    writeRemote(ctx, rule.remote, merged);
    writeLocal(ctx, rule.local, forLocal(rule, merged));
    return;
  }
  const winner = decide(rule.conflict, local.updated, remote.updated);
  if (winner === 'remote') {
    toLocal();
    return;
  }
  if (winner === 'local') {
    toRemoteSide();
    return;
  }
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
    ctx.out.messages.push(`${rule.headline}\n${plainText(r)}`);
  }
  ctx.out.base.remote[rule.remote] = r ?? null;
}
