/**
 * The emulator's issue hierarchy against the platform OpenAPI (every request and answer below is validated):
 * issue types with their levels, `parent` on create and edit, `parent` and `subtasks` in reads, JQL `parent`,
 * and what Jira refuses: a sub-task without a parent, a parent of the wrong level or project, a sub-task made
 * a standard issue by edit, an unknown type, an issue with sub-tasks deleted without `deleteSubtasks`.
 */
import type { JiraEmulator } from '../../sandbox/jira';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

let emulator: JiraEmulator;
beforeEach(() => {
  emulator = seededEmulator({ wallClock: () => Date.parse('2026-11-24T08:00:00.000Z') });
});
afterEach(() => {
  expect(emulator.contractViolations).toEqual([]);
});

const create = (fields: Record<string, unknown>) =>
  callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue', {
    body: { fields: { project: { key: 'DEMO' }, summary: 'x', ...fields } },
  });
const keyOf = (answer: { json: unknown }) => String(obj(answer.json).key);
const read = async (key: string) =>
  obj(
    obj(
      (
        await callJson(emulator, APP, 'local', 'GET', `/rest/api/3/issue/${key}`, {
          query: { fields: 'parent,subtasks,issuetype' },
        })
      ).json,
    ).fields,
  );
const edit = (key: string, body: Record<string, unknown>) =>
  callJson(emulator, APP, 'local', 'PUT', `/rest/api/3/issue/${key}`, { body });

it('lists issue types with their hierarchy levels, for the site and for a project', async () => {
  const all = arr((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issuetype')).json).map(obj);
  const levels = Object.fromEntries(all.map((t) => [String(t.name), [t.hierarchyLevel, t.subtask]] as const));
  expect(levels).toEqual({
    Epic: [1, false],
    Story: [0, false],
    Task: [0, false],
    Bug: [0, false],
    Subtask: [-1, true],
  });
  const projectId = String(emulator.site('local').findProject('DEMO')?.id);
  const subtaskTypes = arr(
    (
      await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issuetype/project', {
        query: { projectId, level: '-1' },
      })
    ).json,
  ).map(obj);
  expect(subtaskTypes.map((t) => t.name)).toEqual(['Subtask']);
});

it('makes a tree with parent on create, reads it back, and moves a story by edit', async () => {
  const epic = keyOf(await create({ issuetype: { name: 'Epic' } }));
  const other = keyOf(await create({ issuetype: { name: 'Epic' } }));
  const story = keyOf(await create({ issuetype: { name: 'Story' }, parent: { key: epic } }));
  const sub = await create({ issuetype: { name: 'Subtask' }, parent: { key: story } });
  expect(sub.status).toBe(201);

  const storyFields = await read(story);
  expect(obj(storyFields.parent)).toMatchObject({ key: epic, fields: { issuetype: { name: 'Epic' } } });
  expect(arr(storyFields.subtasks).map((s) => obj(s).key)).toEqual([keyOf(sub)]);
  expect(obj((await read(keyOf(sub))).issuetype)).toMatchObject({ subtask: true, hierarchyLevel: -1 });
  // An issue without a parent has no `parent` field at all.
  expect('parent' in (await read(epic))).toBe(false);

  const epicId = String(emulator.site('local').findIssue(other)?.id);
  expect((await edit(story, { fields: { parent: { id: epicId } } })).status).toBe(204);
  expect(obj((await read(story)).parent).key).toBe(other);
  const children = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/search/jql', {
    body: { jql: `parent = ${other}`, fields: ['summary'] },
  });
  expect(arr(obj(children.json).issues).map((i) => obj(i).key)).toEqual([story]);

  expect((await edit(story, { update: { parent: [{ set: { none: true } }] } })).status).toBe(204);
  expect('parent' in (await read(story))).toBe(false);
  const history = emulator.site('local').findIssue(story)?.history ?? [];
  expect(history.flatMap((h) => h.items).filter((i) => i.field === 'IssueParentAssociation')).toHaveLength(2);
});

it('refuses what Jira refuses, with its error shape, and writes nothing', async () => {
  const epic = keyOf(await create({ issuetype: { name: 'Epic' } }));
  const story = keyOf(await create({ issuetype: { name: 'Story' }, parent: { key: epic } }));
  const sub = keyOf(await create({ issuetype: { name: 'Subtask' }, parent: { key: story } }));
  const count = () => Object.keys(emulator.site('local').state.issues).length;
  const before = count();

  const orphan = await create({ issuetype: { name: 'Subtask' } });
  expect([orphan.status, obj(orphan.json).errors]).toEqual([
    400,
    { issuetype: 'Issue type is a sub-task but parent issue key or id not specified.' },
  ]);
  // A sub-task under an epic, a story under a story: the parent must be exactly one level up.
  for (const [type, parent] of [
    ['Subtask', epic],
    ['Story', story],
  ] as const) {
    const wrong = await create({ issuetype: { name: type }, parent: { key: parent } });
    expect([wrong.status, Object.keys(obj(obj(wrong.json).errors))]).toEqual([400, ['parent']]);
  }
  const unknown = await create({ issuetype: { name: 'Saga' } });
  expect(obj(unknown.json).errors).toEqual({ issuetype: 'The issue type selected is invalid.' });
  expect(count()).toBe(before);

  const toStandard = await edit(sub, { fields: { issuetype: { name: 'Task' } } });
  expect([toStandard.status, Object.keys(obj(obj(toStandard.json).errors))]).toEqual([400, ['issuetype']]);
  const unparent = await edit(sub, { update: { parent: [{ set: { none: true } }] } });
  expect(unparent.status).toBe(400);
  expect(obj((await read(sub)).parent).key).toBe(story);
  // Standard to standard is an edit.
  expect((await edit(story, { fields: { issuetype: { name: 'Task' } } })).status).toBe(204);

  const del = await callJson(emulator, APP, 'local', 'DELETE', `/rest/api/3/issue/${story}`);
  expect(del.status).toBe(400);
  const deleted = await callJson(emulator, APP, 'local', 'DELETE', `/rest/api/3/issue/${story}`, {
    query: { deleteSubtasks: 'true' },
  });
  expect(deleted.status).toBe(204);
  expect(emulator.site('local').findIssue(sub)).toBeUndefined();
});

it('refuses a parent in another project', async () => {
  const site = emulator.site('local');
  const project = site.findProject('DEMO');
  if (!project) throw new Error('no DEMO');
  // A second project on the same site, as an admin would make it.
  site.state.projects['99'] = { ...project, id: '99', key: 'OTHER', name: 'Other', nextIssueNumber: 1 };
  const epic = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue', {
    body: { fields: { project: { key: 'OTHER' }, summary: 'e', issuetype: { name: 'Epic' } } },
  });
  const story = await create({ issuetype: { name: 'Story' }, parent: { key: keyOf(epic) } });
  expect([story.status, Object.keys(obj(obj(story.json).errors))]).toEqual([400, ['parent']]);
});
