/**
 * Names ↔ ids for what Redmine writes by id: statuses, priorities, trackers, the project's custom fields.
 * Read once per tracker instance (one sync cycle), since admins rarely change them mid-cycle.
 */
import { TrackerError } from '../../core/errors';
import type { RedmineClient } from './redmine-client';
import { z } from 'zod';
import {
  RedmineIssuePageSchema,
  RedminePrioritiesSchema,
  RedmineProjectSchema,
  RedmineStatusesSchema,
} from './redmine-schemas';

/** GET /custom_fields.json (https://www.redmine.org/projects/redmine/wiki/Rest_CustomFields), admins only. */
const CustomFieldsSchema = z.object({
  custom_fields: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      customized_type: z.string(),
      field_format: z.string().optional(),
      multiple: z.boolean().optional(),
      possible_values: z.array(z.object({ value: z.string() })).optional(),
    }),
  ),
});

interface Named {
  id: number;
  name: string;
}

/** A custom field; its format and values are known only from the admin's list. */
export interface RedmineCustomField extends Named {
  format?: string;
  multiple?: boolean;
  values?: string[];
}

export interface RedmineCatalog {
  projectId: number;
  statuses: Named[];
  priorities: Named[];
  trackers: Named[];
  customFields: RedmineCustomField[];
  /** Whether the custom fields came from the admin's list (with formats) or only from the project. */
  customFieldsFromAdminList: boolean;
}

export class RedmineLookups {
  private catalog: Promise<RedmineCatalog> | undefined;

  constructor(
    private readonly client: RedmineClient,
    private readonly project: string,
  ) {}

  get(): Promise<RedmineCatalog> {
    this.catalog ??= this.load().catch((err: unknown) => {
      this.catalog = undefined;
      throw err;
    });
    return this.catalog;
  }

  private async load(): Promise<RedmineCatalog> {
    const [statuses, priorities, project] = await Promise.all([
      this.client.json('/issue_statuses.json', RedmineStatusesSchema),
      this.client.json('/enumerations/issue_priorities.json', RedminePrioritiesSchema),
      this.client.json(`/projects/${encodeURIComponent(this.project)}.json`, RedmineProjectSchema, {
        query: { include: 'trackers,issue_custom_fields' },
      }),
    ]);
    const custom = await this.customFields(project.project.issue_custom_fields ?? []);
    return {
      projectId: project.project.id,
      statuses: statuses.issue_statuses,
      priorities: priorities.issue_priorities,
      trackers: project.project.trackers ?? [],
      customFields: custom.fields,
      customFieldsFromAdminList: custom.fromAdminList,
    };
  }

  /**
   * The project lists only custom fields assigned to it, not those "for all projects". Those are found in
   * the admin's list when Tandem's user may read it, and otherwise on an issue of the project, which
   * carries every field it may have.
   */
  private async customFields(
    assigned: Named[],
  ): Promise<{ fields: RedmineCustomField[]; fromAdminList: boolean }> {
    const byId = new Map<number, RedmineCustomField>(assigned.map((f) => [f.id, f]));
    const all = await this.client.json('/custom_fields.json', CustomFieldsSchema).catch((err: unknown) => {
      if (err instanceof TrackerError && err.code === 'forbidden') return { custom_fields: [] };
      throw err;
    });
    for (const f of all.custom_fields)
      if (f.customized_type === 'issue')
        byId.set(f.id, {
          id: f.id,
          name: f.name,
          ...(f.field_format === undefined ? {} : { format: f.field_format }),
          ...(f.multiple === undefined ? {} : { multiple: f.multiple }),
          ...(f.possible_values ? { values: f.possible_values.map((v) => v.value) } : {}),
        });
    if (all.custom_fields.length === 0) {
      const sample = await this.client.json('/issues.json', RedmineIssuePageSchema, {
        query: { project_id: this.project, status_id: '*', limit: 1 },
      });
      for (const f of sample.issues[0]?.custom_fields ?? []) byId.set(f.id, { id: f.id, name: f.name });
    }
    return { fields: [...byId.values()], fromAdminList: all.custom_fields.length > 0 };
  }
}

/** The id of `name` among `list` (case-insensitive), or an error naming what exists. */
export function idByName(list: readonly Named[], name: string, what: string, label: string): number {
  const found = list.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (found) return found.id;
  const known = list.map((x) => x.name).join(', ') || 'none';
  throw new TrackerError('invalid_request', `${label} has no ${what} "${name}" (known: ${known})`);
}
