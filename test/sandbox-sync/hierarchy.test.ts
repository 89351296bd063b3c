/**
 * Epics, stories and sub-tasks end to end on the Forge host, with the default Jira ↔ Jira rules: a tree made
 * on PARTNER arrives on DEMO with the same shape and types (children wait for their parents' copies through
 * follow-up passes), and moving a story to another epic on DEMO moves its partner on PARTNER. The trees are
 * read back from both sites, not counted from calls.
 */
import { startWorld, type Site, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.close();
});

interface TreeIssue {
  key: string;
  fields: {
    summary: string;
    issuetype: { name: string };
    parent?: { key: string };
  };
}

/** Every issue of the site's project as `summary (type) < parent's summary`, sorted: the tree, by name. */
async function treeOf(site: Site): Promise<string[]> {
  const { status, json } = await w.rest(site, 'POST', '/rest/api/3/search/jql', {
    jql: `project = ${w.project(site)} ORDER BY key ASC`,
    fields: ['summary', 'issuetype', 'parent'],
    maxResults: 100,
  });
  if (status !== 200) throw new Error(`search failed: ${status}`);
  const issues = (json as { issues: TreeIssue[] }).issues;
  const summaryOf = new Map(issues.map((i) => [i.key, i.fields.summary]));
  return issues
    .filter((i) => i.fields.summary.startsWith('T:'))
    .map((i) => {
      const parent = i.fields.parent ? summaryOf.get(i.fields.parent.key) : undefined;
      return `${i.fields.summary} (${i.fields.issuetype.name})${parent ? ` < ${parent}` : ''}`;
    })
    .sort();
}

async function keyBySummary(site: Site, summary: string): Promise<string> {
  const found = (await w.all(site)).filter((i) => i.fields.summary === summary);
  if (found.length !== 1) throw new Error(`${found.length} issues named ${summary} on ${site}`);
  return found[0]!.key;
}

it('an epic with 3 stories of 2 sub-tasks each arrives whole, and a story moved on DEMO moves on PARTNER', async () => {
  await w.cycle();
  const epic = await w.create('partner', 'T: checkout epic', { issuetype: { name: 'Epic' } });
  await w.create('partner', 'T: payments epic', { issuetype: { name: 'Epic' } });
  for (const s of [1, 2, 3]) {
    const story = await w.create('partner', `T: story ${s}`, {
      issuetype: { name: 'Story' },
      parent: { key: epic.key },
    });
    for (const t of [1, 2])
      await w.create('partner', `T: sub-task ${s}.${t}`, {
        issuetype: { name: 'Subtask' },
        parent: { key: story.key },
      });
  }
  const expected = [
    'T: checkout epic (Epic)',
    'T: payments epic (Epic)',
    ...[1, 2, 3].flatMap((s) => [
      `T: story ${s} (Story) < T: checkout epic`,
      `T: sub-task ${s}.1 (Subtask) < T: story ${s}`,
      `T: sub-task ${s}.2 (Subtask) < T: story ${s}`,
    ]),
  ].sort();
  expect(await treeOf('partner')).toEqual(expected);

  // One scheduled cycle sees all 11; epics are copied first, stories and then sub-tasks in its follow-ups.
  await w.cycle();
  expect(await treeOf('local')).toEqual(expected);

  // A story moved to the other epic on DEMO (events reach the app at once) moves on PARTNER.
  const story2 = await keyBySummary('local', 'T: story 2');
  const payments = await keyBySummary('local', 'T: payments epic');
  await w.edit('local', story2, { parent: { key: payments } });
  await w.settle();
  await w.cycle();
  const moved = expected.map((line) =>
    line === 'T: story 2 (Story) < T: checkout epic' ? 'T: story 2 (Story) < T: payments epic' : line,
  );
  expect(await treeOf('local')).toEqual(moved);
  expect(await treeOf('partner')).toEqual(moved);
  // Nothing copied twice: 2 epics, 3 stories, 6 sub-tasks on each site.
  for (const site of ['local', 'partner'] as const)
    expect((await w.all(site)).filter((i) => i.fields.summary.startsWith('T:'))).toHaveLength(11);
  expect(w.failedInvocations()).toEqual([]);
});
