/**
 * Bulk connect: before the first sync of a connection whose two projects already hold the same work, link
 * the issues that match (by a field on each side, e.g. summary ↔ summary or a "supplier key" field ↔ key)
 * instead of creating copies. A value that matches several issues on either side is left alone and
 * counted: guessing would link the wrong issues. The next cycle then syncs the linked pairs under the rules.
 */
import type { CanonicalIssue } from '../model';
import { getPath } from '../paths';
import type { Connection } from '../schema/connection';
import type { BackfillProgress } from '../state';
import { newPair, pairIdFor } from '../state';
import { stableStringify, isEmpty } from '../values';
import type { EngineDeps } from './engine-deps';

export interface MatchRule {
  local: string;
  remote: string;
}

async function listAll(deps: EngineDeps, side: 'local' | 'remote'): Promise<CanonicalIssue[]> {
  const tracker = side === 'local' ? deps.local : deps.remote;
  const out: CanonicalIssue[] = [];
  let token: string | undefined;
  do {
    const page = await tracker.listUpdatedSince(undefined, token);
    out.push(...page.items);
    token = page.next;
  } while (token !== undefined);
  return out;
}

/** Values compare without case or surrounding space: "Login fails " and "login fails" are the same issue. */
const keyOf = (v: unknown): string | undefined => {
  if (v === undefined || v === null || (typeof v === 'string' && isEmpty(v))) return undefined;
  return typeof v === 'string' ? v.trim().toLowerCase() : stableStringify(v as never);
};

function indexUnlinked(
  issues: CanonicalIssue[],
  linked: Map<string, unknown>,
  path: string,
): { unique: Map<string, CanonicalIssue>; ambiguous: Set<string> } {
  const unique = new Map<string, CanonicalIssue>();
  const ambiguous = new Set<string>();
  for (const issue of issues) {
    if (linked.has(issue.id)) continue;
    const key = keyOf(path === 'key' ? issue.key : getPath(issue.fields, path));
    if (key === undefined) continue;
    if (unique.has(key) || ambiguous.has(key)) {
      unique.delete(key);
      ambiguous.add(key);
    } else unique.set(key, issue);
  }
  return { unique, ambiguous };
}

export async function linkExisting(
  deps: EngineDeps,
  connection: Connection,
  match: MatchRule,
  /** Told once, before the listing starts, so the settings page can show the run in progress. */
  started: (progress: BackfillProgress) => Promise<void> = () => Promise.resolve(),
): Promise<BackfillProgress> {
  const startedAt = deps.clock.now().toISOString();
  await started({ startedAt, match, scanned: { local: 0, remote: 0 }, linked: 0, ambiguous: 0 });
  const [local, remote] = [await listAll(deps, 'local'), await listAll(deps, 'remote')];
  const linkedLocal = await deps.store.findPairsBySide(
    connection.id,
    'local',
    local.map((i) => i.id),
  );
  const linkedRemote = await deps.store.findPairsBySide(
    connection.id,
    'remote',
    remote.map((i) => i.id),
  );
  const l = indexUnlinked(local, linkedLocal, match.local);
  const r = indexUnlinked(remote, linkedRemote, match.remote);

  let linked = 0;
  let ambiguous = l.ambiguous.size;
  for (const [key, localIssue] of l.unique) {
    if (r.ambiguous.has(key)) {
      ambiguous += 1;
      continue;
    }
    const remoteIssue = r.unique.get(key);
    if (!remoteIssue) continue;
    const pair = newPair(connection.id, pairIdFor('local', localIssue.id));
    pair.local = { id: localIssue.id, key: localIssue.key, url: localIssue.url };
    pair.remote = { id: remoteIssue.id, key: remoteIssue.key, url: remoteIssue.url };
    // No base: the first cycle sees both sides as changed and the rules' conflict policies decide.
    pair.status = { state: 'pending', reason: `linked by matching ${match.local} ↔ ${match.remote}` };
    await deps.store.putPair(pair);
    linked += 1;
  }
  return {
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    match,
    scanned: { local: local.length, remote: remote.length },
    linked,
    ambiguous,
  };
}
