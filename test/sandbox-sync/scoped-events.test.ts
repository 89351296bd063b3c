/**
 * A product event names its issue, and the cycle it starts reads that issue and its partner only: no
 * listing of either project ("Fewer points for the same work", issue 14).
 */
import type { EmulatorRequest } from '../../sandbox/jira/types';
import { startWorld, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  await w.cycle();
});
afterEach(async () => {
  await w.close();
});

interface Seen {
  site: string;
  method: string;
  path: string;
  jql?: string;
}

/** Every request the emulator serves while `during` runs, with the JQL of searches. */
async function requestsDuring(during: () => Promise<void>): Promise<Seen[]> {
  const emulator = w.host.emulator;
  const handle = emulator.handle.bind(emulator);
  const seen: Seen[] = [];
  emulator.handle = (req: EmulatorRequest, identity) => {
    const jql = req.path.endsWith('/search/jql') ? jqlOf(req) : undefined;
    seen.push({ site: req.site, method: req.method, path: req.path, ...(jql ? { jql } : {}) });
    return handle(req, identity);
  };
  try {
    await during();
  } finally {
    emulator.handle = handle;
  }
  return seen;
}

function jqlOf(req: EmulatorRequest): string | undefined {
  const fromQuery = req.query.jql;
  if (typeof fromQuery === 'string') return fromQuery;
  if (!req.body) return undefined;
  const body = JSON.parse(req.body.toString('utf8')) as { jql?: unknown };
  return typeof body.jql === 'string' ? body.jql : undefined;
}

it('an edit’s event reads that issue and its partner, lists neither project, and crosses', async () => {
  const [issue] = await w.search('local', 'project = DEMO ORDER BY key ASC');
  const seen = await requestsDuring(async () => {
    await w.edit('local', issue!.key, { summary: 'Scoped: only this issue is read' });
    await w.settle();
  });
  expect(await w.partnerBySummary('partner', 'Scoped: only this issue is read')).toHaveLength(1);
  expect(w.failedInvocations()).toEqual([]);

  // The test's own edit aside, what the app asked: one read per site (the issue, then its partner), one
  // write to the partner, and no search that lists a project. The local read is a search by id within the
  // connection's scope (its filter applies to an event's issue as to a listing); the partner's is a bulk fetch.
  const app = seen.filter((r) => !(r.site === 'local' && r.method === 'PUT'));
  const listings = app.filter((r) => r.jql !== undefined && !/\bid in \(\d+\)/i.test(r.jql));
  expect(listings).toEqual([]);
  const isRead = (r: Seen) =>
    r.method === 'GET' || r.path.endsWith('/search/jql') || r.path.endsWith('/issue/bulkfetch');
  const reads = (site: string) => app.filter((r) => r.site === site && isRead(r)).length;
  const writes = (site: string) => app.filter((r) => r.site === site && !isRead(r)).length;
  // The default rules sync worklogs, but neither issue has any: the issue's own `worklog` field (its total)
  // says so, so no getIssueWorklog call is made (one a side before, on every listing of every issue).
  const worklogReads = app.filter((r) => r.method === 'GET' && /\/issue\/\d+\/worklog$/.test(r.path));
  expect(worklogReads).toEqual([]);
  expect({ local: reads('local'), partner: reads('partner') }).toEqual({ local: 1, partner: 1 });
  expect({ local: writes('local'), partner: writes('partner') }).toEqual({ local: 0, partner: 1 });
});
