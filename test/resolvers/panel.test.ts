/**
 * The issue panel's resolvers on the real app in the sandbox, as a person who can browse the project:
 * a linked issue, an issue the filter leaves out, one the connection does not create remotely (then
 * "Create in remote"), a manual conflict settled from the panel, and Sync now.
 */
import { DEMO_CONNECTION_ID, startWorld, type World } from '../sandbox-sync/world';
import { ok, updateDemo, USER } from './harness';

let w: World;
beforeAll(async () => {
  w = await startWorld();
  await w.cycle();
});
afterAll(async () => {
  await w.close();
});

const connectionId = DEMO_CONNECTION_ID;
const panel = (issue: { id: string; key: string }) => ok(w, 'panel/get', {}, { email: USER, issue });
const localIssue = async (summary: string) => {
  const [found] = await w.partnerBySummary('local', summary);
  if (!found) throw new Error(`no local issue ${summary}`);
  return found;
};

it('shows a linked issue with its remote key, link, status and last sync', async () => {
  const [issue] = await w.search('local', 'project = DEMO ORDER BY key ASC');
  const { issueKey, links } = await panel(issue!);
  expect(issueKey).toBe(issue!.key);
  const [link] = links;
  expect(link).toMatchObject({
    connectionId,
    state: 'linked',
    remoteLabel: 'Jira PARTNER',
    conflicts: [],
    pending: [],
  });
  const [partner] = await w.search('partner', `key = ${link?.remote?.key ?? 'none'}`);
  expect(partner?.fields.summary).toBe(issue!.fields.summary);
  expect(link?.remote?.key).toBe(partner!.key);
  expect(link?.remote?.url).toMatch(new RegExp(`/browse/${partner!.key}$`));
  expect(link?.remote?.status).toBe(partner!.fields.status.name);
  expect(link?.lastSyncedAt).toEqual(expect.any(String));
});

it('names the filter when the connection leaves the issue out', async () => {
  await updateDemo(w, (c) => ({ ...c, localFilter: 'labels = synced' }));
  const created = await w.create('local', 'Not for the partner');
  await w.settle();
  const [link] = (await panel(created)).links;
  expect(link).toMatchObject({ state: 'filtered', filter: 'labels = synced', remote: null });
  expect((await ok(w, 'panel/sync-now', {}, { issue: created })).message).toBe(
    'Nothing to sync for this issue.',
  );
  expect(await w.partnerBySummary('partner', 'Not for the partner')).toEqual([]);
  await updateDemo(w, (c) => {
    const { localFilter, ...rest } = c;
    expect(localFilter).toBe('labels = synced');
    return rest;
  });
});

it('an issue the connection does not create remotely is not linked until "Create in remote"', async () => {
  await updateDemo(w, (c) => ({ ...c, create: { toRemote: false, toLocal: true } }));
  const created = await w.create('local', 'Created by hand later');
  await w.settle();
  expect((await panel(created)).links[0]).toMatchObject({ state: 'not-linked', canCreate: false });

  await updateDemo(w, (c) => ({ ...c, create: { toRemote: true, toLocal: true }, enabled: false }));
  await updateDemo(w, (c) => ({ ...c, enabled: true }));
  const answer = await ok(w, 'panel/create-remote', { connectionId }, { issue: created });
  expect(answer.outcome).toBe('created');
  expect(answer.message).toMatch(/^Created PARTNER-\d+\.$/);
  expect((await panel(created)).links[0]).toMatchObject({ state: 'linked', status: { state: 'ok' } });
});

it('a manual conflict shows both values and is settled from the panel', async () => {
  await updateDemo(w, (c) => ({
    ...c,
    rules: c.rules.map((r) =>
      r.kind === 'two-way' && r.local === 'summary' ? { ...r, conflict: 'manual' } : r,
    ),
  }));
  await w.create('local', 'Rounding in totals');
  await w.settle();
  const local = await localIssue('Rounding in totals');
  const [partner] = await w.partnerBySummary('partner', 'Rounding in totals');

  await updateDemo(w, (c) => ({ ...c, enabled: false }));
  await w.edit('local', local.key, { summary: 'Rounding in totals (local)' });
  await w.edit('partner', partner!.key, { summary: 'Rounding in totals (partner)' });
  await w.settle();
  await updateDemo(w, (c) => ({ ...c, enabled: true }));
  await w.cycle();

  const [link] = (await panel(local)).links;
  expect(link?.status?.state).toBe('conflict');
  expect(link?.conflicts).toEqual([
    {
      localPath: 'summary',
      remotePath: 'summary',
      localValue: 'Rounding in totals (local)',
      remoteValue: 'Rounding in totals (partner)',
    },
  ]);
  const answer = await ok(
    w,
    'panel/resolve-conflict',
    { connectionId, localPath: 'summary', choose: 'local' },
    { email: USER, issue: local },
  );
  expect(answer.outcome).toBe('resolved');
  expect(await w.partnerBySummary('partner', 'Rounding in totals (local)')).toHaveLength(1);
  expect((await panel(local)).links[0]).toMatchObject({ conflicts: [], status: { state: 'ok' } });
});

it('shows a pending local edit, and Sync now sends it', async () => {
  const [issue] = await w.search('local', 'project = DEMO ORDER BY key ASC');
  await updateDemo(w, (c) => ({ ...c, enabled: false }));
  await w.edit('local', issue!.key, { summary: 'Sent by Sync now' });
  await w.settle();
  await updateDemo(w, (c) => ({ ...c, enabled: true }));
  expect((await panel(issue!)).links[0]?.pending).toEqual(['summary']);

  const answer = await ok(w, 'panel/sync-now', {}, { email: USER, issue: issue! });
  expect(answer).toEqual({ outcome: 'synced', message: 'Synced 1 changes.' });
  expect(await w.partnerBySummary('partner', 'Sent by Sync now')).toHaveLength(1);
  expect((await panel(issue!)).links[0]?.pending).toEqual([]);
  expect(w.failedInvocations()).toEqual([]);
});
