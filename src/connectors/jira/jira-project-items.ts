/**
 * A project's versions and components by name (platform OpenAPI getProjectVersions, getProjectComponents),
 * read once per tracker and only when a write names some, and created where the rule allows it
 * (createVersion, createComponent: Administer Projects in the project; on the app's own site also the
 * manage:jira-project scope, which Tandem does not request, so there creating is refused before it is
 * tried). A create that finds the name taken (a retry after a lost answer, or someone else) reads the list
 * again rather than failing: the item exists, which is all the write needs.
 */
import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import type { JiraClient } from './jira-client';

export type ItemKind = 'versions' | 'components';

const ItemSchema = z.object({ id: z.string(), name: z.string() });
const ProjectPageSchema = z.object({ values: z.array(z.object({ id: z.string(), key: z.string() })) });

/**
 * Creating is for partner sites only (their API token's own permissions): the app's own site refuses it
 * before any call (`mayCreate`), so these two operations are not in src/platform/jira/jira-endpoints.ts,
 * whose table is for the app's site, and the Forge transport would refuse them there too.
 */
const WHAT: Record<ItemKind, { one: string; create: string }> = {
  versions: { one: 'version', create: '/rest/api/3/version' },
  components: { one: 'component', create: '/rest/api/3/component' },
};

export class JiraProjectItems {
  private readonly lists = new Map<ItemKind, Promise<string[]>>();

  constructor(
    private readonly client: JiraClient,
    private readonly project: string,
    /** Whether this site lets Tandem create versions and components at all. */
    private readonly mayCreate: boolean,
  ) {}

  /** The names the project lacks. */
  async missing(kind: ItemKind, names: readonly string[]): Promise<string[]> {
    const have = new Set(await this.names(kind));
    return names.filter((n) => !have.has(n));
  }

  /**
   * Creates each missing name, or answers why it cannot: the site may not (the app's own site), or Jira
   * refused (no Administer Projects on the partner).
   */
  async create(kind: ItemKind, names: readonly string[]): Promise<string | undefined> {
    const what = WHAT[kind];
    if (!this.mayCreate)
      return `${this.client.label} does not let Tandem create ${what.one}s (that needs the manage:jira-project scope)`;
    for (const name of names) {
      try {
        if (kind === 'versions') {
          await this.client.json(what.create, ItemSchema, {
            method: 'POST',
            json: { name, projectId: await this.projectId() },
          });
        } else {
          await this.client.json(what.create, ItemSchema, {
            method: 'POST',
            json: { name, project: this.project },
          });
        }
      } catch (err) {
        if (!(err instanceof TrackerError) || err.isRetryable) throw err;
        this.lists.delete(kind);
        if ((await this.missing(kind, [name])).length > 0)
          return `${this.client.label} refused to create ${what.one} "${name}" in ${this.project}: ${err.message}`;
      }
    }
    this.lists.delete(kind);
    return undefined;
  }

  /** createVersion takes the project's id, which the connection names by key (the project search has it). */
  private async projectId(): Promise<number> {
    const page = await this.client.json('/rest/api/3/project/search', ProjectPageSchema, {
      query: { keys: this.project },
    });
    const project = page.values.find((p) => p.key === this.project);
    if (!project) throw new TrackerError('not_found', `${this.client.label} has no project ${this.project}`);
    return Number(project.id);
  }

  private names(kind: ItemKind): Promise<string[]> {
    let list = this.lists.get(kind);
    if (!list) {
      const project = encodeURIComponent(this.project);
      list = (
        kind === 'versions'
          ? this.client.json(`/rest/api/3/project/${project}/versions`, z.array(ItemSchema))
          : this.client.json(`/rest/api/3/project/${project}/components`, z.array(ItemSchema))
      ).then((items) => items.map((i) => i.name));
      this.lists.set(kind, list);
    }
    return list;
  }
}
