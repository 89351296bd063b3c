/**
 * The data behind the fake KVS: one map per namespace (plain keys, secrets, each custom entity), each
 * entry with its timestamps and optional expiry. Expiry is judged against the injected clock on every
 * read, so a test advances time instead of sleeping; expired entries are invisible and pruned lazily.
 */
import { z } from 'zod';

export interface Entry {
  value: unknown;
  /** Milliseconds since the epoch, from the injected clock. */
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

export const PLAIN = 'kvs';
export const SECRET = 'secret';
export const entitySpace = (entityName: string): string => `entity:${entityName}`;

const entrySchema = z.object({
  value: z.json(),
  createdAt: z.number(),
  updatedAt: z.number(),
  expiresAt: z.number().optional(),
});
const snapshotSchema = z.object({
  version: z.literal(1),
  spaces: z.record(z.string(), z.record(z.string(), entrySchema)),
});
export type KvsSnapshot = z.infer<typeof snapshotSchema>;

export class KvsTable {
  private spaces = new Map<string, Map<string, Entry>>();

  constructor(private readonly now: () => number) {}

  get(space: string, key: string): Entry | undefined {
    const map = this.spaces.get(space);
    const entry = map?.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      map?.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A write replaces the entry, TTL included; createdAt survives an overwrite of a live entry. */
  put(space: string, key: string, value: unknown, ttlMs?: number): Entry {
    const now = this.now();
    const previous = this.get(space, key);
    const entry: Entry = {
      value: structuredClone(value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    if (ttlMs !== undefined) entry.expiresAt = now + ttlMs;
    let map = this.spaces.get(space);
    if (map === undefined) {
      map = new Map();
      this.spaces.set(space, map);
    }
    map.set(key, entry);
    return entry;
  }

  delete(space: string, key: string): boolean {
    const existed = this.get(space, key) !== undefined;
    this.spaces.get(space)?.delete(key);
    return existed;
  }

  /** Live entries of a namespace in key order (UTF-16 code units, like a string sort). */
  list(space: string): [string, Entry][] {
    const keys = [...(this.spaces.get(space)?.keys() ?? [])].sort();
    const out: [string, Entry][] = [];
    for (const key of keys) {
      const entry = this.get(space, key);
      if (entry !== undefined) out.push([key, entry]);
    }
    return out;
  }

  snapshot(): KvsSnapshot {
    const spaces: KvsSnapshot['spaces'] = {};
    for (const space of this.spaces.keys()) {
      const entries: KvsSnapshot['spaces'][string] = {};
      for (const [key, entry] of this.list(space)) entries[key] = entrySchema.parse(entry);
      spaces[space] = entries;
    }
    return { version: 1, spaces };
  }

  load(snapshot: unknown): void {
    const parsed = snapshotSchema.parse(snapshot);
    const spaces = new Map<string, Map<string, Entry>>();
    for (const [space, entries] of Object.entries(parsed.spaces)) {
      const map = new Map<string, Entry>();
      for (const [key, e] of Object.entries(entries)) {
        const entry: Entry = { value: e.value, createdAt: e.createdAt, updatedAt: e.updatedAt };
        if (e.expiresAt !== undefined) entry.expiresAt = e.expiresAt;
        map.set(key, entry);
      }
      spaces.set(space, map);
    }
    this.spaces = spaces;
  }
}
