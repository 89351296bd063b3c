import { z } from 'zod';
import type { Site } from '../site';
import {
  removeEntry,
  DEV_INFO_ENTITY_TYPES,
  type DevInfoEntity,
  type DevInfoEntityType,
  type DevInfoRepository,
  type JsonRecord,
} from '../state';

/**
 * Development information as Jira Software keeps it: repositories holding commits, branches and pull requests,
 * each entity tagged with issue keys. Updates carrying an older `updateSequenceId` than the stored one are
 * accepted but ignored, which is Jira's documented rule for out-of-order delivery.
 */

const Entity = z.looseObject({
  id: z.string(),
  issueKeys: z.array(z.string()),
  updateSequenceId: z.number(),
});
const Repository = z.looseObject({
  id: z.string(),
  updateSequenceId: z.number(),
  commits: z.array(z.record(z.string(), z.json())).optional(),
  branches: z.array(z.record(z.string(), z.json())).optional(),
  pullRequests: z.array(z.record(z.string(), z.json())).optional(),
});
export const StoreRequest = z.looseObject({
  repositories: z.array(z.record(z.string(), z.json())),
  properties: z.record(z.string(), z.string()).optional(),
});
export type StoreRequest = z.infer<typeof StoreRequest>;

export interface StoreResult {
  acceptedDevinfoEntities: Record<string, Record<DevInfoEntityType, string[]>>;
  failedDevinfoEntities: Record<string, { errorMessages: { message: string }[] }>;
  unknownIssueKeys: string[];
}

export function storeDevInfo(site: Site, request: StoreRequest): StoreResult {
  const result: StoreResult = {
    acceptedDevinfoEntities: {},
    failedDevinfoEntities: {},
    unknownIssueKeys: [],
  };
  const unknown = new Set<string>();
  const properties = request.properties ?? {};
  for (const raw of request.repositories) {
    const repo = Repository.safeParse(raw);
    if (!repo.success) {
      const id = typeof raw.id === 'string' ? raw.id : '(no id)';
      result.failedDevinfoEntities[id] = {
        errorMessages: [{ message: repo.error.issues.map((i) => i.message).join('; ') }],
      };
      continue;
    }
    const stored = upsertRepository(site, repo.data, raw, properties);
    const accepted: Record<DevInfoEntityType, string[]> = { commits: [], branches: [], pullRequests: [] };
    for (const type of DEV_INFO_ENTITY_TYPES) {
      for (const rawEntity of repo.data[type] ?? []) {
        const entity = Entity.safeParse(rawEntity);
        if (!entity.success) continue;
        for (const key of entity.data.issueKeys) if (!site.findIssue(key)) unknown.add(key);
        const current = stored[type][entity.data.id];
        if (!current || current.updateSequenceId <= entity.data.updateSequenceId) {
          stored[type][entity.data.id] = {
            updateSequenceId: entity.data.updateSequenceId,
            issueKeys: entity.data.issueKeys,
            properties,
            data: rawEntity,
          };
        }
        accepted[type].push(entity.data.id);
      }
    }
    result.acceptedDevinfoEntities[repo.data.id] = accepted;
  }
  result.unknownIssueKeys = [...unknown];
  return result;
}

function upsertRepository(
  site: Site,
  repo: z.infer<typeof Repository>,
  raw: JsonRecord,
  properties: Record<string, string>,
): DevInfoRepository {
  const data: JsonRecord = Object.fromEntries(
    Object.entries(raw).filter(([k]) => !DEV_INFO_ENTITY_TYPES.some((t) => t === k)),
  );
  const existing = site.state.devInfo[repo.id];
  if (existing) {
    if (existing.updateSequenceId <= repo.updateSequenceId) {
      existing.data = data;
      existing.updateSequenceId = repo.updateSequenceId;
    }
    existing.properties = { ...existing.properties, ...properties };
    return existing;
  }
  const created: DevInfoRepository = {
    id: repo.id,
    updateSequenceId: repo.updateSequenceId,
    properties,
    data,
    commits: {},
    branches: {},
    pullRequests: {},
  };
  site.state.devInfo[repo.id] = created;
  return created;
}

/** `_updateSequenceId` guards deletes too: only data at or below it goes. */
function deletable(entity: { updateSequenceId: number }, maxSequence: number | undefined): boolean {
  return maxSequence === undefined || entity.updateSequenceId <= maxSequence;
}

export function deleteRepository(site: Site, repositoryId: string, maxSequence: number | undefined): void {
  const repo = site.state.devInfo[repositoryId];
  if (repo && deletable(repo, maxSequence)) removeEntry(site.state.devInfo, repositoryId);
}

const PATH_TYPES: Readonly<Record<string, DevInfoEntityType>> = {
  commit: 'commits',
  branch: 'branches',
  pull_request: 'pullRequests',
};

export function entityTypeFromPath(segment: string): DevInfoEntityType | undefined {
  return PATH_TYPES[segment];
}

export function deleteEntity(
  site: Site,
  repositoryId: string,
  type: DevInfoEntityType,
  entityId: string,
  maxSequence: number | undefined,
): void {
  const repo = site.state.devInfo[repositoryId];
  const entity = repo?.[type][entityId];
  if (repo && entity && deletable(entity, maxSequence)) removeEntry(repo[type], entityId);
}

function hasAll(tags: Readonly<Record<string, string>>, wanted: Readonly<Record<string, string>>): boolean {
  return Object.entries(wanted).every(([k, v]) => tags[k] === v);
}

/** Removes every repository and entity tagged with all the given properties. */
export function deleteByProperties(
  site: Site,
  wanted: Readonly<Record<string, string>>,
  maxSequence: number | undefined,
): void {
  for (const repo of Object.values(site.state.devInfo)) {
    if (hasAll(repo.properties, wanted) && deletable(repo, maxSequence)) {
      removeEntry(site.state.devInfo, repo.id);
      continue;
    }
    for (const type of DEV_INFO_ENTITY_TYPES) {
      for (const [id, entity] of Object.entries(repo[type])) {
        if (hasAll(entity.properties, wanted) && deletable(entity, maxSequence)) removeEntry(repo[type], id);
      }
    }
  }
}

export function existsByProperties(site: Site, wanted: Readonly<Record<string, string>>): boolean {
  return Object.values(site.state.devInfo).some(
    (repo) =>
      hasAll(repo.properties, wanted) ||
      DEV_INFO_ENTITY_TYPES.some((t) => Object.values(repo[t]).some((e) => hasAll(e.properties, wanted))),
  );
}

export function renderRepository(
  repo: DevInfoRepository,
  filter: (entity: DevInfoEntity) => boolean = () => true,
): JsonRecord {
  return {
    ...repo.data,
    commits: Object.values(repo.commits)
      .filter(filter)
      .map((e) => e.data),
    branches: Object.values(repo.branches)
      .filter(filter)
      .map((e) => e.data),
    pullRequests: Object.values(repo.pullRequests)
      .filter(filter)
      .map((e) => e.data),
  };
}

/** What the issue's development panel would show: each repository with only the entities naming the key. */
export function devInfoForIssueKey(site: Site, key: string): JsonRecord[] {
  const wanted = key.toUpperCase();
  const names = (e: DevInfoEntity): boolean => e.issueKeys.some((k) => k.toUpperCase() === wanted);
  return Object.values(site.state.devInfo)
    .filter((repo) => DEV_INFO_ENTITY_TYPES.some((t) => Object.values(repo[t]).some(names)))
    .map((repo) => renderRepository(repo, names));
}
