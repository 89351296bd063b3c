/** The pure dev info core: issue keys, entity ids, batching limits, merging, update sequences, install polling. */
import { containing } from './matchers';
import fc from 'fast-check';
import { buildChange, type DevInfoChange } from '../../src/core/devinfo/build-entities';
import { entityCount, LIMITS, type CommitEntity } from '../../src/core/devinfo/devinfo-payload';
import { ENTITY_ID_PATTERN, toEntityId } from '../../src/core/devinfo/entity-id';
import type { GitCommit, GitRepository } from '../../src/core/devinfo/git-event';
import { nextInstallStatus, pollDelaySeconds } from '../../src/core/devinfo/install-progress';
import type { InstallStatus } from '../../src/core/devinfo/integration';
import { findIssueKeys, issueKeysIn } from '../../src/core/devinfo/issue-keys';
import { mergeChanges } from '../../src/core/devinfo/merge-changes';
import { planBatches } from '../../src/core/devinfo/plan-batches';
import { sequencesInOrder } from '../../src/core/devinfo/update-sequence';

const KNOWN = new Set(['DEMO', 'OPS_2']);

describe('issue keys', () => {
  it.each([
    ['feature/demo-12-login', ['DEMO-12']],
    ['DEMO-1 and OPS_2-7, again DEMO-1', ['DEMO-1', 'OPS_2-7']],
    ['[DEMO-3] fix (DEMO-4): DEMO-5.', ['DEMO-3', 'DEMO-4', 'DEMO-5']],
    ['xDEMO-1 DEMO-1x DEMO-01 sha256-1abc UTF-8 NOPE-4', []],
    ['release_DEMO-2', []],
  ])('%s → %j', (text, keys) => {
    expect(issueKeysIn([text], KNOWN)).toEqual(keys);
  });

  it('keeps at most 100 keys per entity', () => {
    const text = Array.from({ length: 150 }, (_, i) => `DEMO-${i + 1}`).join(' ');
    expect(findIssueKeys([text])).toHaveLength(150);
    expect(issueKeysIn([text], KNOWN)).toHaveLength(100);
  });
});

describe('entity ids', () => {
  it('are within [A-Za-z0-9~.-_], at most 1024 characters, and distinct for distinct names', () => {
    const name = fc.string({ minLength: 1, maxLength: 1200, unit: 'grapheme' });
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(toEntityId(a)).toMatch(ENTITY_ID_PATTERN);
        if (a !== b) expect(toEntityId(a)).not.toBe(toEntityId(b));
      }),
    );
    expect(toEntityId('feature/a~b')).toBe('feature~2Fa~7Eb');
  });
});

describe('update sequence', () => {
  it('grows with receipt order, also within one millisecond', () => {
    const seq = sequencesInOrder([1000, 1000, 1000, 1001]);
    expect(seq).toEqual([1_000_000, 1_000_001, 1_000_002, 1_001_000]);
  });
});

const repo: GitRepository = { id: '9', name: 'acme/app', url: 'https://git.example.com/acme/app' };
const commit = (n: number, message: string): GitCommit => ({
  id: n.toString(16).padStart(40, '0'),
  message,
  author: { name: 'Ana', email: 'ana@example.com' },
  timestamp: '2025-06-01T10:00:00.000Z',
  url: `https://git.example.com/c/${n}`,
  files: [],
  fileCount: 1,
  isMerge: false,
});

function pushChange(n: number, sequence: number, branch = 'DEMO-1-x', commits = 1): DevInfoChange {
  const list = Array.from({ length: commits }, (_, i) =>
    commit(n * 10_000 + i, `DEMO-${(i % 20) + 1} c${i}`),
  );
  return buildChange({ integrationId: 'gh-1', sequence, knownProjects: KNOWN }, [
    {
      kind: 'branch-push',
      repository: repo,
      branch,
      branchUrl: 'u',
      commits: list,
      ...(list[0] ? { head: list[0] } : {}),
    },
  ]);
}

describe('building entities', () => {
  it('sends only entities that name a known issue, with the keys of their texts', () => {
    const change = buildChange({ integrationId: 'gh-1', sequence: 5, knownProjects: KNOWN }, [
      {
        kind: 'branch-push',
        repository: repo,
        branch: 'main',
        branchUrl: 'u',
        commits: [commit(1, 'DEMO-2 x'), commit(2, 'no key')],
        head: commit(2, 'no key'),
      },
    ]);
    expect(change.upserts[0]?.commits.map((c) => c.issueKeys)).toEqual([['DEMO-2']]);
    expect(change.upserts[0]?.branches).toEqual([]);
    expect(change.withoutKeys).toBe(2);
    expect(change.upserts[0]?.repository.id).toBe('gh-1.9');
  });

  it('clips texts to the limits Jira sets', () => {
    const change = buildChange({ integrationId: 'gh-1', sequence: 5, knownProjects: KNOWN }, [
      { kind: 'tag-push', repository: repo, tag: 'v1', commits: [commit(1, `DEMO-2 ${'x'.repeat(5000)}`)] },
    ]);
    const built: CommitEntity | undefined = change.upserts[0]?.commits[0];
    expect(built?.message).toHaveLength(1024);
  });
});

describe('merging and batching', () => {
  it('keeps the latest version of an entity and lets a later deletion win over an earlier push', () => {
    const pushed = pushChange(1, 10);
    const deleted = buildChange({ integrationId: 'gh-1', sequence: 20, knownProjects: KNOWN }, [
      { kind: 'branch-deleted', repository: repo, branch: 'DEMO-1-x' },
    ]);
    const merged = mergeChanges([pushed, deleted]);
    expect(merged.repositories[0]?.branches).toEqual([]);
    expect(merged.deletions).toHaveLength(1);
    const again = mergeChanges([deleted, pushChange(2, 30)]);
    expect(again.deletions).toEqual([]);
    expect(again.repositories[0]?.branches[0]?.updateSequenceId).toBe(30);
  });

  it('splits any amount of entities into requests of at most 1,000, and at most 400 of a kind per repository', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 1, maxLength: 4 }), (sizes) => {
        const changes = sizes.map((size, i) =>
          buildChange({ integrationId: 'gh-1', sequence: i, knownProjects: KNOWN }, [
            {
              kind: 'tag-push',
              repository: { ...repo, id: String(i) },
              tag: 't',
              commits: Array.from({ length: size }, (_, n) => commit(i * 100_000 + n, `DEMO-1 ${n}`)),
            },
          ]),
        );
        const requests = planBatches(mergeChanges(changes).repositories);
        let total = 0;
        for (const repositories of requests) {
          expect(entityCount({ repositories })).toBeLessThanOrEqual(LIMITS.entitiesPerRequest);
          expect(new Set(repositories.map((r) => r.id)).size).toBe(repositories.length);
          for (const r of repositories)
            expect(r.commits?.length ?? 0).toBeLessThanOrEqual(LIMITS.perKindPerRepository);
          total += entityCount({ repositories });
        }
        expect(total).toBe(sizes.reduce((a, b) => a + b, 0));
        // Greedy: no more requests than the entities need.
        expect(requests.length).toBeLessThanOrEqual(Math.ceil(total / 400) + sizes.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('automatic installation', () => {
  const started: InstallStatus = {
    state: 'in_progress',
    repository: 'acme/app',
    apiBaseUrl: 'https://api.github.com',
    startedAt: '2025-06-01T10:00:00.000Z',
    updatedAt: '2025-06-01T10:00:00.000Z',
    attempts: 0,
    hookId: '1',
  };

  it('polls 1.5 times later each try, up to five minutes', () => {
    expect(Array.from({ length: 6 }, (_, i) => pollDelaySeconds(i))).toEqual([2, 3, 5, 7, 10, 15]);
    expect(pollDelaySeconds(30)).toBe(300);
  });

  it('is ready on proof, an error with the server message on failure, an error after the last poll', () => {
    const now = new Date('2025-06-01T10:01:00.000Z');
    expect(nextInstallStatus(started, { state: 'ok' }, now).status.state).toBe('ready');
    expect(nextInstallStatus(started, { state: 'failed', message: 'HTTP 500' }, now).status).toMatchObject({
      state: 'error',
      message: 'HTTP 500',
    });
    const pending = nextInstallStatus(started, { state: 'pending' }, now);
    expect(pending).toMatchObject({ status: { state: 'in_progress', attempts: 1 }, pollAgainInS: 3 });
    let status = started;
    for (let i = 0; i < 12; i++) status = nextInstallStatus(status, { state: 'pending' }, now).status;
    expect(status).toMatchObject({ state: 'error', message: containing('no delivery reached Tandem') });
  });
});
