/**
 * Work logs between two Jira sites (issue 15): a worklog booked on PARTNER's issue appears once on its
 * DEMO copy, with the booker named, and an edit of its time follows. The listing reads the issue's own
 * `worklog` field and asks for the work logs (with their origin properties) only where it holds some, so
 * this also catches a connector that takes "no worklogs read yet" for "none".
 */
import { startWorld, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  await w.cycle();
});
afterEach(async () => {
  await w.close();
});

interface WorklogJson {
  id: string;
  timeSpentSeconds: number;
  started: string;
  comment?: unknown;
}

async function worklogs(site: 'local' | 'partner', key: string): Promise<WorklogJson[]> {
  const { status, json } = await w.rest(site, 'GET', `/rest/api/3/issue/${key}/worklog`);
  if (status !== 200) throw new Error(`worklog list failed: ${status}`);
  return (json as { worklogs: WorklogJson[] }).worklogs;
}

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

it('a worklog booked on the partner appears once on the copy, and its edit follows', async () => {
  const partner = await w.create('partner', 'Time is booked here');
  await w.cycle();
  const [copy] = await w.partnerBySummary('local', 'Time is booked here');
  if (!copy) throw new Error('the partner issue was not copied');
  expect(await worklogs('local', copy.key)).toEqual([]);

  const booked = await w.rest('partner', 'POST', `/rest/api/3/issue/${partner.key}/worklog`, {
    started: '2026-12-01T09:00:00.000+0000',
    timeSpentSeconds: 5400,
    comment: adf('Reproduced the fault'),
  });
  expect(booked.status).toBe(201);
  await w.cycle();
  await w.cycle();
  const copied = await worklogs('local', copy.key);
  expect(copied.map((l) => l.timeSpentSeconds)).toEqual([5400]);
  expect(JSON.stringify(copied[0]?.comment)).toContain('Reproduced the fault');

  const id = (booked.json as { id: string }).id;
  const edited = await w.rest('partner', 'PUT', `/rest/api/3/issue/${partner.key}/worklog/${id}`, {
    timeSpentSeconds: 7200,
  });
  expect(edited.status).toBe(200);
  await w.cycle();
  expect((await worklogs('local', copy.key)).map((l) => l.timeSpentSeconds)).toEqual([7200]);
  expect(w.failedInvocations()).toEqual([]);
});
