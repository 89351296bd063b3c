/**
 * The hierarchy on Jira Data Center, which keeps it in two places (Cloud has one `parent` for both):
 * - a standard issue's epic is the Epic Link, a custom field of type `com.pyxis.greenhopper.jira:gh-epic-link`
 *   (found in GET /rest/api/2/field by `schema.custom`) whose value is the epic's key, set by key on create
 *   and edit and cleared with null ("customfield_10014": "ABC-1" in Atlassian's "Deprecation of the Epic
 *   Link, Parent Link and other related fields in REST APIs and webhooks", which Data Center still answers);
 * - a sub-task's parent is `fields.parent`, given at create and not editable by REST afterwards: Jira moves a
 *   sub-task to another parent only through its Move wizard.
 * Issue types carry no `hierarchyLevel` there: a sub-task type says `subtask: true`, and an epic is of the
 * issue type Jira Software names "Epic" (what the Epic Link points at).
 */
import { z } from 'zod';
import { TrackerError, type UnwrittenField } from '../../core/errors';
import { PARENT_PATH, type HierarchyRef, type JsonObject } from '../../core/model';
import type { JiraClient } from './jira-client';
import type { JiraWrite } from './jira-mapping';
import type { JiraIssue } from './jira-schemas';

export const EPIC_LINK_TYPE = 'com.pyxis.greenhopper.jira:gh-epic-link';
/** The issue type Jira Software creates for epics; an Epic Link accepts only issues of it. */
const EPIC_TYPE = 'Epic';

const FieldListSchema = z.array(
  z.looseObject({ id: z.string(), schema: z.looseObject({ custom: z.string().optional() }).optional() }),
);
const IssueTypeSchema = z.looseObject({ name: z.string(), subtask: z.boolean().optional() });
const ParentSchema = z.looseObject({ id: z.string(), key: z.string() });
const BriefSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({ issuetype: IssueTypeSchema, parent: ParentSchema.optional() }),
});

/** An issue's level from its type: 1 an epic, -1 a sub-task, 0 any other. */
export function dataCenterLevel(issuetype: unknown): number | undefined {
  const type = IssueTypeSchema.safeParse(issuetype);
  if (!type.success) return undefined;
  return type.data.subtask === true ? -1 : type.data.name === EPIC_TYPE ? 1 : 0;
}

interface Brief {
  id: string;
  key: string;
  level: number;
  /** A sub-task's parent; an epic link is not read here. */
  parentId: string | null;
}

export class DataCenterHierarchy {
  private field: Promise<string | undefined> | undefined;
  /** The Epic Link field's id once read, for the synchronous mapping of issues. */
  private fieldId: string | undefined;
  /** Epic ids by key: the Epic Link names the key, the engine the id. */
  private readonly epicIds = new Map<string, string>();

  constructor(private readonly client: JiraClient) {}

  /** The Epic Link field's id, read once; undefined on a site without Jira Software. */
  epicLinkId(): Promise<string | undefined> {
    if (!this.field) {
      this.field = this.client.json('/rest/api/3/field', FieldListSchema).then((fields) => {
        this.fieldId = fields.find((f) => f.schema?.custom === EPIC_LINK_TYPE)?.id;
        return this.fieldId;
      });
      // A read that failed is not an answer: the next call reads again.
      this.field.catch(() => (this.field = undefined));
    }
    return this.field;
  }

  /** Learns the ids of the epics these issues link to, one read per epic not met before. */
  async learnEpics(issues: readonly JiraIssue[]): Promise<void> {
    const field = await this.epicLinkId();
    if (field === undefined) return;
    const keys = new Set(
      issues.map((i) => i.fields[field]).filter((k): k is string => typeof k === 'string'),
    );
    for (const key of keys) {
      if (this.epicIds.has(key)) continue;
      const epic = await this.brief(key);
      if (epic) this.epicIds.set(key, epic.id);
    }
  }

  /**
   * The issue's place, after `learnEpics`: a sub-task under its parent, another under its epic. Unknown
   * (undefined) when its epic could not be read, rather than a wrong "no parent".
   */
  hierarchyOf(fields: JiraIssue['fields']): HierarchyRef | undefined {
    const level = dataCenterLevel(fields.issuetype);
    if (level === undefined) return undefined;
    if (level === -1) {
      const parent = ParentSchema.safeParse(fields.parent);
      return { parent: parent.success ? { id: parent.data.id, key: parent.data.key } : null, level };
    }
    const key = this.fieldId === undefined ? undefined : fields[this.fieldId];
    if (typeof key !== 'string') return { parent: null, level };
    const id = this.epicIds.get(key);
    return id === undefined ? undefined : { parent: { id, key }, level };
  }

  /**
   * Rewrites the parent of a write as toJiraWrite made it for Cloud (`fields.parent: {id}`, or
   * `update.parent` to remove it) for Data Center: an epic as the Epic Link, a new sub-task's parent as
   * `parent`. `issueId` is the edited issue (none for a create). Answers the parent as unwritten when Data
   * Center cannot write it by REST: a sub-task's move, with nothing of it sent.
   */
  async adapt(write: JiraWrite, issueId?: string): Promise<UnwrittenField | undefined> {
    const wanted = ParentSchema.pick({ id: true }).safeParse(write.fields.parent);
    const removing = write.update?.parent !== undefined;
    if (!wanted.success && !removing) return undefined;
    delete write.fields.parent;
    if (write.update) {
      const rest: JsonObject = { ...write.update };
      delete rest.parent;
      if (Object.keys(rest).length > 0) write.update = rest;
      else delete write.update;
    }
    const parentId = wanted.success ? wanted.data.id : null;
    const parent = parentId === null ? undefined : await this.brief(parentId);
    if (parentId !== null && !parent)
      throw new TrackerError(
        'invalid_request',
        `${this.client.label} has no issue ${parentId} to be the parent (or it cannot be seen)`,
      );

    if (issueId === undefined) {
      if (!parent) return undefined;
      if (parent.level === 1) write.fields[await this.requireEpicLink()] = parent.key;
      // Under a standard issue the new issue is a sub-task, whose parent Data Center takes at create.
      else write.fields.parent = { id: parent.id };
      return undefined;
    }

    const issue = await this.brief(issueId);
    if (!issue) throw new TrackerError('not_found', `${this.client.label} has no issue ${issueId}`);
    if (issue.level === -1) {
      if (issue.parentId === parentId) return undefined;
      return {
        path: PARENT_PATH,
        message: `${this.client.label} cannot ${parentId === null ? 'take sub-task ' + issue.key + ' from its parent' : `move sub-task ${issue.key} under ${parent?.key ?? parentId}`}: Jira Data Center sets a sub-task's parent only when it is created, and its REST API cannot change it (only Jira's Move wizard can); move it there in Jira`,
      };
    }
    write.fields[await this.requireEpicLink()] = parent ? parent.key : null;
    return undefined;
  }

  private async requireEpicLink(): Promise<string> {
    const field = await this.epicLinkId();
    if (field === undefined)
      throw new TrackerError(
        'invalid_request',
        `${this.client.label} has no Epic Link field (custom type ${EPIC_LINK_TYPE}), so it holds no epics: is Jira Software installed?`,
      );
    return field;
  }

  /** The issue's type and a sub-task's parent; undefined when it does not exist or cannot be seen. */
  private async brief(idOrKey: string): Promise<Brief | undefined> {
    const issue = await this.client
      .json(`/rest/api/3/issue/${encodeURIComponent(idOrKey)}`, BriefSchema, {
        query: { fields: 'issuetype,parent' },
      })
      .catch((err: unknown) => {
        if (err instanceof TrackerError && (err.code === 'not_found' || err.code === 'forbidden'))
          return undefined;
        throw err;
      });
    if (!issue) return undefined;
    return {
      id: issue.id,
      key: issue.key,
      level: dataCenterLevel(issue.fields.issuetype) ?? 0,
      parentId: issue.fields.parent?.id ?? null,
    };
  }
}
