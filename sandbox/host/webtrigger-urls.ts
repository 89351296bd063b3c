/**
 * Web trigger URLs, as `webTrigger.getUrl / deleteUrl / queryUrls` of @forge/api manage them (out/webTrigger.js):
 * one default URL per module, plus a fresh one for every `forceCreate`. Ids are random and persisted, so a URL
 * handed to a git server keeps working across restarts, and a guessed id finds nothing.
 * URLs read `<host>/x1/<id>`: the path Forge uses, and the one @forge/api's `deleteUrl` can parse
 * (`/\/(?:x1|public)\/([^\/\?\#]+)/`). The server also answers `/x/<id>`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const EntrySchema = z.object({
  id: z.string(),
  moduleKey: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export const WebtriggerSnapshotSchema = z.object({ version: z.literal(1), urls: z.array(EntrySchema) });
export type WebtriggerSnapshot = z.infer<typeof WebtriggerSnapshotSchema>;
type Entry = z.infer<typeof EntrySchema>;

export class WebtriggerUrls {
  private readonly byId = new Map<string, Entry>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly onChange: () => void,
  ) {}

  urlOf(id: string): string {
    return `${this.baseUrl()}/x1/${id}`;
  }

  getUrl(moduleKey: string, forceCreate: boolean): string {
    if (!forceCreate) {
      const existing = [...this.byId.values()].find((e) => e.moduleKey === moduleKey && e.isDefault);
      if (existing) return this.urlOf(existing.id);
    }
    const entry: Entry = {
      id: randomBytes(24).toString('base64url'),
      moduleKey,
      isDefault: !forceCreate,
      createdAt: new Date().toISOString(),
    };
    this.byId.set(entry.id, entry);
    this.onChange();
    return this.urlOf(entry.id);
  }

  delete(id: string): boolean {
    const deleted = this.byId.delete(id);
    if (deleted) this.onChange();
    return deleted;
  }

  list(): { moduleKey: string; url: string }[] {
    return [...this.byId.values()].map((e) => ({ moduleKey: e.moduleKey, url: this.urlOf(e.id) }));
  }

  moduleFor(id: string): string | undefined {
    return this.byId.get(id)?.moduleKey;
  }

  snapshot(): WebtriggerSnapshot {
    return { version: 1, urls: [...this.byId.values()] };
  }

  restore(snapshot: unknown): void {
    for (const entry of WebtriggerSnapshotSchema.parse(snapshot).urls) this.byId.set(entry.id, entry);
  }
}
