/**
 * Splits merged entities into bulk requests within Jira's limits: at most 1,000 entities per request,
 * at most 400 of each kind per repository, at most 100 repositories, and a repository at most once per
 * request. Greedy: requests are filled in order, so N entities take about N / 1000 requests.
 */
import { LIMITS, type RepositoryPayload } from './devinfo-payload';
import type { MergedRepository } from './merge-changes';

type Kind = 'commits' | 'branches' | 'pullRequests';
const KINDS: readonly Kind[] = ['commits', 'branches', 'pullRequests'];

export function planBatches(repositories: readonly MergedRepository[]): RepositoryPayload[][] {
  const requests: RepositoryPayload[][] = [];
  let current: RepositoryPayload[] = [];
  let used = 0;
  const flush = (): void => {
    if (current.length > 0) requests.push(current);
    current = [];
    used = 0;
  };

  for (const repo of repositories) {
    const left = {
      commits: [...repo.commits],
      branches: [...repo.branches],
      pullRequests: [...repo.pullRequests],
    };
    const remaining = (): number => left.commits.length + left.branches.length + left.pullRequests.length;
    while (remaining() > 0) {
      if (used >= LIMITS.entitiesPerRequest || current.length >= LIMITS.repositoriesPerRequest) flush();
      const entry: RepositoryPayload = { ...repo.repository };
      for (const kind of KINDS) {
        const n = Math.min(LIMITS.perKindPerRepository, LIMITS.entitiesPerRequest - used, left[kind].length);
        if (n <= 0) continue;
        // Each kind has its own array type; the assignment keeps them apart.
        if (kind === 'commits') entry.commits = left.commits.splice(0, n);
        else if (kind === 'branches') entry.branches = left.branches.splice(0, n);
        else entry.pullRequests = left.pullRequests.splice(0, n);
        used += n;
      }
      current.push(entry);
      // The same repository must not appear twice in one request: what is left goes in the next.
      if (remaining() > 0) flush();
    }
  }
  flush();
  return requests;
}
