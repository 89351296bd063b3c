/**
 * Many deliveries → one set of entities per repository, so a burst of pushes becomes a few bulk requests
 * instead of one per commit. The same entity seen twice keeps its latest version (the larger update
 * sequence); a branch deleted after its last push is deleted, one pushed after its deletion is kept.
 */
import type { DevInfoChange, BranchDeletion } from './build-entities';
import type { BranchEntity, CommitEntity, PullRequestEntity, RepositoryMeta } from './devinfo-payload';

export interface MergedRepository {
  repository: RepositoryMeta;
  commits: CommitEntity[];
  branches: BranchEntity[];
  pullRequests: PullRequestEntity[];
}

export interface MergedChange {
  repositories: MergedRepository[];
  deletions: BranchDeletion[];
}

interface Bucket {
  repository: RepositoryMeta;
  commits: Map<string, CommitEntity>;
  branches: Map<string, BranchEntity>;
  pullRequests: Map<string, PullRequestEntity>;
}

function keepLatest<T extends { id: string; updateSequenceId: number }>(
  into: Map<string, T>,
  entity: T,
): void {
  const known = into.get(entity.id);
  if (!known || known.updateSequenceId <= entity.updateSequenceId) into.set(entity.id, entity);
}

export function mergeChanges(changes: readonly DevInfoChange[]): MergedChange {
  const buckets = new Map<string, Bucket>();
  const deletions = new Map<string, BranchDeletion>();
  const branchKey = (repositoryId: string, branchId: string): string => `${repositoryId}\u0000${branchId}`;

  for (const change of changes) {
    for (const upsert of change.upserts) {
      const id = upsert.repository.id;
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = {
          repository: upsert.repository,
          commits: new Map(),
          branches: new Map(),
          pullRequests: new Map(),
        };
        buckets.set(id, bucket);
      } else if (bucket.repository.updateSequenceId <= upsert.repository.updateSequenceId) {
        bucket.repository = upsert.repository;
      }
      for (const c of upsert.commits) keepLatest(bucket.commits, c);
      for (const p of upsert.pullRequests) keepLatest(bucket.pullRequests, p);
      for (const b of upsert.branches) {
        const deleted = deletions.get(branchKey(id, b.id));
        if (deleted && deleted.updateSequenceId > b.updateSequenceId) continue;
        deletions.delete(branchKey(id, b.id));
        keepLatest(bucket.branches, b);
      }
    }
    for (const d of change.deletions) {
      const pushed = buckets.get(d.repositoryId)?.branches.get(d.branchId);
      if (pushed && pushed.updateSequenceId > d.updateSequenceId) continue;
      buckets.get(d.repositoryId)?.branches.delete(d.branchId);
      const known = deletions.get(branchKey(d.repositoryId, d.branchId));
      if (!known || known.updateSequenceId <= d.updateSequenceId)
        deletions.set(branchKey(d.repositoryId, d.branchId), d);
    }
  }

  return {
    repositories: [...buckets.values()]
      .map((b) => ({
        repository: b.repository,
        commits: [...b.commits.values()],
        branches: [...b.branches.values()],
        pullRequests: [...b.pullRequests.values()],
      }))
      .filter((r) => r.commits.length + r.branches.length + r.pullRequests.length > 0),
    deletions: [...deletions.values()],
  };
}
