/**
 * Issue links between synced issues, end to end on the Forge host: a link made on either site appears
 * between the partners on the other, once; deleting it on one side deletes its copy; a link to an issue
 * created in the same moment follows as soon as that issue's copy exists.
 */
import { ok } from '../resolvers/harness';
import { DEMO_CONNECTION_ID, startWorld, type Site, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

interface LinkJson {
  id: string;
  type: { name: string };
  inwardIssue?: { key: string };
  outwardIssue?: { key: string };
}

async function linksOf(site: Site, key: string): Promise<LinkJson[]> {
  const { json } = await w.rest(site, 'GET', `/rest/api/3/issue/${key}?fields=issuelinks`);
  return (json as { fields: { issuelinks: LinkJson[] } }).fields.issuelinks;
}

async function link(site: Site, type: string, from: string, to: string): Promise<void> {
  const { status, json } = await w.rest(site, 'POST', '/rest/api/3/issueLink', {
    type: { name: type },
    inwardIssue: { key: from },
    outwardIssue: { key: to },
  });
  if (status !== 201) throw new Error(`link failed: ${status} ${JSON.stringify(json)}`);
}

/** The key of `key`'s partner on the other site, from the remote link Tandem puts on every synced issue. */
async function partnerOf(site: Site, key: string): Promise<string> {
  const { json } = await w.rest(site, 'GET', `/rest/api/3/issue/${key}/remotelink`);
  const links = json as { object: { title: string } }[];
  if (links.length !== 1) throw new Error(`${key} has ${links.length} remote links`);
  return links[0]!.object.title;
}

const outwardFrom = (links: LinkJson[]) =>
  links.filter((l) => l.outwardIssue).map((l) => `${l.type.name}>${l.outwardIssue!.key}`);

it('a link made on either site is made between the partners, once, and its deletion follows', async () => {
  // Fresh issues: some seeded ones hold statuses the demo workflow cannot reach in one step.
  const a = await w.create('local', 'Checkout times out');
  const b = await w.create('local', 'Payment provider outage');
  const c = await w.create('local', 'Retry payments automatically');
  await w.cycle();
  await link('local', 'Blocks', a.key, b.key);
  await w.settle();
  await w.cycle();

  const [pa, pb] = [await partnerOf('local', a.key), await partnerOf('local', b.key)];
  expect(outwardFrom(await linksOf('partner', pa))).toEqual([`Blocks>${pb}`]);
  // Direction is kept: the partner of B is blocked by the partner of A, not the other way round.
  expect(outwardFrom(await linksOf('partner', pb))).toEqual([]);

  // A link made on the partner site comes back, and a second cycle adds nothing.
  const pc = await partnerOf('local', c.key);
  await link('partner', 'Relates', pc, pa);
  await w.cycle();
  await w.cycle();
  expect(outwardFrom(await linksOf('local', c.key))).toEqual([`Relates>${a.key}`]);
  expect(outwardFrom(await linksOf('partner', pa))).toEqual([`Blocks>${pb}`]);

  // Deleting the copy on the partner deletes the original.
  const copy = (await linksOf('partner', pa)).find((l) => l.outwardIssue?.key === pb)!;
  expect((await w.rest('partner', 'DELETE', `/rest/api/3/issueLink/${copy.id}`)).status).toBe(204);
  await w.cycle();
  expect(outwardFrom(await linksOf('local', a.key))).toEqual([]);
  expect(outwardFrom(await linksOf('local', c.key))).toEqual([`Relates>${a.key}`]);
  expect(w.failedInvocations()).toEqual([]);
});

it('a new issue linked at once gets its link over as soon as its copy exists', async () => {
  const a = await w.create('local', 'Checkout times out');
  await w.cycle();
  const pa = await partnerOf('local', a.key);
  // On the partner site, where no events reach us: one scheduled cycle sees the new issue and its link
  // together, copies the issue, and its follow-up makes the link the copy could not have before.
  const fresh = await w.create('partner', 'Refund button does nothing');
  await link('partner', 'Blocks', fresh.key, pa);
  await w.cycle();
  const copy = await partnerOf('partner', fresh.key);
  expect(outwardFrom(await linksOf('local', copy))).toEqual([`Blocks>${a.key}`]);
  expect(w.failedInvocations()).toEqual([]);
});

it('links between copies made by an approved held plan follow through the follow-up', async () => {
  const demo = { connectionId: DEMO_CONNECTION_ID };
  await w.cycle();
  await ok(w, 'limits/save', { ...demo, maxMutationsPerCycle: 2 });
  // On the partner, where no events reach us: the next cycle sees three new issues, over the limit.
  const a = await w.create('partner', 'Held and linked A');
  const b = await w.create('partner', 'Held and linked B');
  await w.create('partner', 'Held and linked C');
  await link('partner', 'Blocks', a.key, b.key);
  await w.cycle();
  const { plan } = await ok(w, 'plans/held', demo);
  if (!plan) throw new Error('nothing was held');

  expect(await ok(w, 'plans/approve', { ...demo, planId: plan.id })).toMatchObject({ complete: true });
  await w.settle();
  const [la, lb] = [await partnerOf('partner', a.key), await partnerOf('partner', b.key)];
  expect(outwardFrom(await linksOf('local', la))).toEqual([`Blocks>${lb}`]);
  expect(w.failedInvocations()).toEqual([]);
});
