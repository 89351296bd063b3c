/**
 * The Redmine connector against the contract, on a real Redmine 5 (Debian's packages, started by the test;
 * see test/connectors/redmine/redmine-world.ts): a fresh project for every case, people's edits and notes
 * made through Redmine's own REST API as another call would, and a clock that is waited for, since Redmine
 * keeps times in whole seconds.
 */
import { z } from 'zod';
import { CONNECTORS } from '../../../src/connectors/registry';
import { SETUP_TIMEOUT_MS, startRedmine, type RedmineServer } from '../redmine/redmine-world';
import { describeTrackerContract, type ContractSubject } from './tracker-contract';

let redmine: RedmineServer;
beforeAll(async () => {
  redmine = await startRedmine();
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await redmine.server.stop();
});

const Created = z.object({ issue: z.object({ id: z.number() }) });
const Journals = z.object({ issue: z.object({ journals: z.array(z.object({ id: z.number() })) }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let projects = 0;
async function redmineSubject(): Promise<ContractSubject> {
  const world = await redmine.project(`contract-${++projects}`);
  const { client } = world;
  // Another project on the same server: its issues are out of this connection's scope.
  const other = await redmine.project(`elsewhere-${projects}`);
  const outside = await other.client.json('/issues.json', Created, {
    method: 'POST',
    json: { issue: { project_id: other.project, subject: 'in another project' } },
  });
  return {
    tracker: world.tracker(),
    restart: () => world.tracker(),
    paths: { title: 'subject', body: 'description' },
    status: { path: 'status.name', from: 'New', to: 'In Progress' },
    heldBody: (markdown) => markdown,
    // spent_on is a date: a time entry starts at its day's midnight UTC (redmine-time-entries.ts).
    heldWorklogStart: (started) => `${started.slice(0, 10)}T00:00:00.000Z`,
    // Redmine has no levels: any issue may be another's parent.
    hierarchy: { parent: {}, child: {} },
    pageSize: 100,
    // Whole seconds: a since inside a second answers that second's issues.
    sinceResolutionMs: 999,
    async personCreates(titles) {
      const ids: string[] = [];
      for (const subject of titles) {
        const made = await client.json('/issues.json', Created, {
          method: 'POST',
          json: { issue: { project_id: world.project, subject } },
        });
        ids.push(String(made.issue.id));
      }
      return ids;
    },
    personEditsTitle: (id, subject) =>
      client.empty(`/issues/${id}.json`, { method: 'PUT', json: { issue: { subject } } }),
    async personComments(id, notes) {
      await client.empty(`/issues/${id}.json`, { method: 'PUT', json: { issue: { notes } } });
      const { issue } = await client.json(`/issues/${id}.json`, Journals, { query: { include: 'journals' } });
      return String(issue.journals.at(-1)?.id ?? '');
    },
    // Redmine stores whole seconds.
    advance: async () => {
      await sleep(1100);
    },
    missingId: '987654',
    outOfScopeRefs: [String(outside.issue.id), `#${outside.issue.id}`],
  };
}

it('declares the capabilities the registry declares for Redmine', async () => {
  expect((await redmineSubject()).tracker.capabilities).toEqual(CONNECTORS.redmine.capabilities);
});

describeTrackerContract('Redmine on a real server', redmineSubject, { timeoutMs: 120_000 });
