/**
 * Damage control at scale, on the real app in the sandbox: 500 synced issues relabelled on the partner in
 * one go are held as one plan, nothing is written, and approving it writes each label once. The 500 pairs
 * come from a bulk connect of issues that already exist on both sides, which writes no copies.
 */
import type { JiraEmulator } from '../../sandbox/jira';
import { siteAdminActor } from '../../sandbox/jira/domain/actor';
import { createIssue, editIssue } from '../../sandbox/jira/domain/issue-ops';
import type { Site } from '../../sandbox/jira/site';
import { startWorld, DEMO_CONNECTION_ID, type World } from '../sandbox-sync/world';
import { ok } from './harness';

const COUNT = 500;
const demo = { connectionId: DEMO_CONNECTION_ID };

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.close();
});

/** The same issues on both sites, written straight into the emulator (as the bench does), without events. */
function seedTwins(emulator: JiraEmulator): void {
  for (const [name, project] of [
    ['local', 'DEMO'],
    ['partner', 'PARTNER'],
  ] as const) {
    const site = emulator.site(name);
    const actor = siteAdminActor(site);
    for (let i = 1; i <= COUNT; i++)
      createIssue(site, actor, {
        fields: { project: { key: project }, issuetype: { name: 'Task' }, summary: `Mass issue ${i}` },
      });
    site.drainEvents();
  }
}

const massIssues = (site: Site) =>
  Object.values(site.state.issues).filter((i) => i.summary.startsWith('Mass issue '));
const appWrites = () =>
  w.host
    .requests()
    .filter((r) => r.target === 'jira' && r.method !== 'GET' && !r.path.includes('/search/jql')).length;

it(`${COUNT} issues relabelled at once are held, then written once when approved`, async () => {
  seedTwins(w.host.emulator);
  // The seeded demo issues differ between the sites: let the first sync through whatever it takes.
  await ok(w, 'limits/save', { ...demo, maxMutationsPerCycle: 100_000 });
  expect(
    await ok(w, 'pairs/bulk-connect', { ...demo, match: { local: 'summary', remote: 'summary' } }),
  ).toEqual({
    queued: true,
  });
  await w.settle();
  const { backfill } = await ok(w, 'activity/get', demo);
  expect(backfill?.linked).toBeGreaterThanOrEqual(COUNT);
  const local = w.host.emulator.site('local');
  const partner = w.host.emulator.site('partner');
  expect(massIssues(local)).toHaveLength(COUNT); // linked, not copied
  expect(massIssues(partner)).toHaveLength(COUNT);

  await ok(w, 'limits/save', { ...demo, maxMutationsPerCycle: 200 });
  const actor = siteAdminActor(partner);
  for (const issue of massIssues(partner))
    editIssue(partner, actor, issue, { fields: { labels: ['mass-relabel'] } });
  partner.drainEvents();

  const before = appWrites();
  await w.cycle();
  const { plan } = await ok(w, 'plans/held', demo);
  if (!plan) throw new Error('the mass change was not held');
  expect(plan.incoming).toBe(COUNT);
  expect(appWrites()).toBe(before);
  expect(massIssues(local).filter((i) => i.labels.includes('mass-relabel'))).toHaveLength(0);

  const approved = await ok(w, 'plans/approve', { ...demo, planId: plan.id });
  expect(approved).toMatchObject({ outcome: 'executed', complete: true, written: COUNT, errors: [] });
  expect(massIssues(local).filter((i) => i.labels.includes('mass-relabel'))).toHaveLength(COUNT);
  expect(appWrites() - before).toBe(COUNT);

  expect((await ok(w, 'plans/approve', { ...demo, planId: plan.id })).outcome).toBe('already-executed');
  await w.cycle();
  expect(appWrites() - before).toBe(COUNT);
  expect(w.failedInvocations()).toEqual([]);
}, 120_000);
