/**
 * Issue links through whole cycles between two fake trackers that have them, for what the sandbox tests
 * cannot stage: a link the other site refuses, a link that vanishes because its far end's copy was
 * deleted, and links to issues the connection will not copy.
 */
import { DEFAULT_RULES, makeWorld, partnerOf } from './harness';

const withLinks = (opts: { refusedTypes?: string[] } = {}) =>
  makeWorld(
    { rules: [...DEFAULT_RULES, { kind: 'links' }] },
    { local: { issueLinks: {} }, remote: { issueLinks: opts } },
  );

it('a link type the other site refuses is recorded, and the rest of the pair still syncs', async () => {
  const w = withLinks({ refusedTypes: ['Cloners'] });
  const a = w.local.userCreate({ summary: 'A' });
  const b = w.local.userCreate({ summary: 'B' });
  await w.cycle();
  w.local.userLink(a.id, 'Cloners', b.id);
  w.local.userEdit(a.id, { summary: 'A, edited' });
  await w.cycle();

  expect(partnerOf(w, a.id)?.fields.title).toBe('A, edited');
  const pair = w.store.all('c1').find((p) => p.local?.id === a.id)!;
  expect(pair.status.state).toBe('ok');
  expect(pair.refusedLinks).toEqual([
    {
      key: expect.stringMatching(/^Cloners>/) as unknown,
      side: 'remote',
      reason: expect.stringContaining('Cloners') as unknown,
    },
  ]);
  // Not tried again.
  w.remote.resetCalls();
  w.local.userEdit(a.id, { summary: 'A, edited twice' });
  await w.cycle();
  expect(w.remote.calls.addIssueLink).toBe(0);
});

it('a link that vanishes because its far end’s copy was deleted is forgotten, not deleted', async () => {
  const w = withLinks();
  const a = w.local.userCreate({ summary: 'A' });
  const b = w.local.userCreate({ summary: 'B' });
  await w.cycle();
  w.local.userLink(a.id, 'Blocks', b.id);
  await w.cycle();
  const [pa, pb] = [partnerOf(w, a.id)!, partnerOf(w, b.id)!];
  expect(w.remote.linksOf(pa.id)).toEqual([{ type: 'Blocks', to: pb.id }]);

  w.remote.userDeleteIssue(pb.id); // someone deletes B's copy: its link goes with it
  w.local.userEdit(a.id, { summary: 'A, edited' });
  await w.cycle();
  expect(w.local.linksOf(a.id)).toEqual([{ type: 'Blocks', to: b.id }]);
  expect(w.store.all('c1').find((p) => p.local?.id === a.id)?.issueLinks).toEqual([]);
});

it('a link to an issue the connection will not copy asks for no follow-up', async () => {
  const w = makeWorld(
    { rules: [...DEFAULT_RULES, { kind: 'links' }], create: { toRemote: true, toLocal: false } },
    { local: { issueLinks: {} }, remote: { issueLinks: {} } },
  );
  const a = w.local.userCreate({ summary: 'A' });
  await w.cycle();
  const pa = partnerOf(w, a.id)!;
  const stay = w.remote.userCreate({ title: 'Stays on the remote' });
  w.remote.userLink(pa.id, 'Relates', stay.id);
  const result = await w.cycle();
  expect(result.outcome === 'executed' && result.plan.followUp).toBeUndefined();
});
