import type { JiraEmulator } from '../../sandbox/jira';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

const commit = (id: string, issueKeys: string[], updateSequenceId = 1): Record<string, unknown> => ({
  id,
  issueKeys,
  updateSequenceId,
  hash: id,
  displayId: id.slice(0, 7),
  message: `${issueKeys.join(' ')} change ${id}`,
  author: { name: 'Dev', email: 'dev@example.com' },
  authorTimestamp: '2025-06-02T10:00:00+00:00',
  fileCount: 1,
  url: `https://git.example.com/r/commit/${id}`,
});

const branch = (name: string, issueKeys: string[]): Record<string, unknown> => ({
  id: name,
  issueKeys,
  updateSequenceId: 1,
  name,
  url: `https://git.example.com/r/tree/${name}`,
  lastCommit: commit('c0ffee1', issueKeys),
});

function bulk(
  commits: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    repositories: [
      {
        id: 'repo-1',
        name: 'r',
        url: 'https://git.example.com/r',
        updateSequenceId: 1,
        commits,
        branches: [branch('DEMO-1-fix', ['DEMO-1'])],
      },
    ],
    properties: { integration: 'gitlab-1' },
    ...extra,
  };
}

describe('development information (local site)', () => {
  let emulator: JiraEmulator;

  beforeEach(() => {
    emulator = seededEmulator();
  });

  afterEach(() => {
    expect(emulator.contractViolations).toEqual([]);
  });

  it('stores entities per issue key and reports unknown keys', async () => {
    const answer = await callJson(emulator, APP, 'local', 'POST', '/rest/devinfo/0.10/bulk', {
      body: bulk([commit('aaaaaaa1', ['DEMO-1', 'NOPE-9']), commit('bbbbbbb2', ['DEMO-2'])]),
    });
    expect(answer.status).toBe(202);
    expect(obj(answer.json)).toEqual({
      acceptedDevinfoEntities: {
        'repo-1': { commits: ['aaaaaaa1', 'bbbbbbb2'], branches: ['DEMO-1-fix'], pullRequests: [] },
      },
      failedDevinfoEntities: {},
      unknownIssueKeys: ['NOPE-9'],
    });
    const forDemo1 = emulator.devInfoForIssue('local', 'DEMO-1');
    expect(forDemo1).toHaveLength(1);
    expect(arr(forDemo1[0]?.commits).map((c) => obj(c).id)).toEqual(['aaaaaaa1']);
    expect(arr(forDemo1[0]?.branches)).toHaveLength(1);
    expect(emulator.devInfoForIssue('local', 'DEMO-3')).toEqual([]);

    const repo = obj(
      (await callJson(emulator, APP, 'local', 'GET', '/rest/devinfo/0.10/repository/repo-1')).json,
    );
    expect(arr(repo.commits)).toHaveLength(2);
  });

  it('ignores updates older than the stored updateSequenceId', async () => {
    await callJson(emulator, APP, 'local', 'POST', '/rest/devinfo/0.10/bulk', {
      body: bulk([commit('aaaaaaa1', ['DEMO-1'], 5)]),
    });
    await callJson(emulator, APP, 'local', 'POST', '/rest/devinfo/0.10/bulk', {
      body: bulk([commit('aaaaaaa1', ['DEMO-2'], 3)]),
    });
    expect(emulator.devInfoForIssue('local', 'DEMO-1')).toHaveLength(1);
    expect(emulator.devInfoForIssue('local', 'DEMO-2')).toEqual([]);
  });

  it('deletes an entity, by properties, and a whole repository', async () => {
    await callJson(emulator, APP, 'local', 'POST', '/rest/devinfo/0.10/bulk', {
      body: bulk([commit('aaaaaaa1', ['DEMO-1']), commit('bbbbbbb2', ['DEMO-2'])]),
    });
    expect(
      (
        await callJson(
          emulator,
          APP,
          'local',
          'DELETE',
          '/rest/devinfo/0.10/repository/repo-1/commit/aaaaaaa1',
        )
      ).status,
    ).toBe(202);
    expect(arr(emulator.devInfoForIssue('local', 'DEMO-1')[0]?.commits)).toEqual([]);

    const exists = await callJson(emulator, APP, 'local', 'GET', '/rest/devinfo/0.10/existsByProperties', {
      query: { integration: 'gitlab-1' },
    });
    expect(obj(exists.json).hasDataMatchingProperties).toBe(true);
    expect(
      (
        await callJson(emulator, APP, 'local', 'DELETE', '/rest/devinfo/0.10/bulkByProperties', {
          query: { integration: 'gitlab-1' },
        })
      ).status,
    ).toBe(202);
    expect(emulator.devInfoForIssue('local', 'DEMO-2')).toEqual([]);

    await callJson(emulator, APP, 'local', 'POST', '/rest/devinfo/0.10/bulk', {
      body: bulk([commit('ccccccc3', ['DEMO-3'])]),
    });
    expect(
      (await callJson(emulator, APP, 'local', 'DELETE', '/rest/devinfo/0.10/repository/repo-1')).status,
    ).toBe(202);
    expect(
      (await callJson(emulator, APP, 'local', 'GET', '/rest/devinfo/0.10/repository/repo-1')).status,
    ).toBe(404);
  });

  it('answers 400 in the devinfo error shape, and exists only on the local site', async () => {
    const bad = await callJson(emulator, APP, 'local', 'POST', '/rest/devinfo/0.10/bulk', {
      body: { repositories: 'nope' },
    });
    expect(bad.status).toBe(400);
    expect(arr(obj(bad.json).errorMessages).map((m) => typeof obj(m).message)).toEqual(['string']);
    emulator.clearContractViolations();
    const partner = await callJson(emulator, APP, 'partner', 'POST', '/rest/devinfo/0.10/bulk', {
      body: bulk([]),
    });
    expect(partner.status).toBe(404);
  });
});
