/**
 * The export's reads of the local site, through requestJira and the site's rate governor in the background
 * lane (DESIGN.md, "Living within Jira's limits"): an export stops for the quota before the reserve kept for
 * people's edits, and a pause comes back as a retryable error the queue waits out.
 */
import { z } from 'zod';
import { JiraClient } from '../../connectors/jira/jira-client';
import type { JiraTransport } from '../../connectors/jira/jira-transport';
import { jiraInstant } from '../../core/analytics/export-rows';
import {
  ExportCommentSchema,
  ExportHistorySchema,
  ExportIssueSchema,
  FieldListSchema,
  type CompleteIssue,
  type ExportComment,
  type ExportHistory,
  type ExportWorklog,
  ExportWorklogSchema,
  ExportRemoteLinkSchema,
} from '../../core/analytics/jira-export-shapes';
import type { ExportSource } from '../../core/analytics/ports';
import type { ChangedIssue } from '../../core/analytics/stale-months';
import { TrackerError } from '../../core/errors';
import { readJiraRateHeaders } from '../../core/rate';
import { forgeJiraTransport } from '../jira/forge-jira-transport';
import { siteGovernor } from '../rate/site-governor';
import { localSiteUrl } from '../site-info';

const PAGE = 100;
/** GET …/worklog answers up to 5,000 a page (platform OpenAPI, getIssueWorklog `maxResults`). */
const WORKLOG_PAGE = 5000;

const SearchPageSchema = z.looseObject({
  issues: z.array(ExportIssueSchema),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});

const CommentPageSchema = z.looseObject({
  comments: z.array(ExportCommentSchema),
  total: z.number().int(),
  startAt: z.number().int(),
});

const ChangelogPageSchema = z.looseObject({
  values: z.array(ExportHistorySchema),
  isLast: z.boolean().optional(),
  total: z.number().int().optional(),
});

/** PageOfWorklogs (GET /rest/api/3/issue/{issueIdOrKey}/worklog), paged by startAt like comments. */
const WorklogPageSchema = z.looseObject({
  worklogs: z.array(ExportWorklogSchema),
  total: z.number().int(),
  startAt: z.number().int(),
});

/** The scan's search answer: ids with their creation and last change, nothing else. */
const ChangedPageSchema = z.looseObject({
  issues: z.array(
    z.looseObject({ id: z.string(), fields: z.looseObject({ created: z.string(), updated: z.string() }) }),
  ),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});

/** JQL's date literal, `yyyy-MM-dd HH:mm`. */
const jqlDate = (d: Date): string => d.toISOString().slice(0, 16).replace('T', ' ');
/** A project key quoted for JQL; keys are letters and digits, the quotes guard the rest. */
const quoted = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

export class JiraExportSource implements ExportSource {
  constructor(private readonly client: JiraClient) {}

  async customFields() {
    const fields = await this.client.json('/rest/api/3/field', FieldListSchema);
    return fields
      .filter((f) => f.custom === true)
      .map((f) => ({ id: f.id, name: f.name, schemaType: f.schema?.type, items: f.schema?.items }));
  }

  async issuesCreatedBetween(projectKey: string, from: Date, to: Date): Promise<CompleteIssue[]> {
    const jql =
      `project = ${quoted(projectKey)} AND created >= ${quoted(jqlDate(from))} ` +
      `AND created < ${quoted(jqlDate(to))} ORDER BY key ASC`;
    const out: CompleteIssue[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.json('/rest/api/3/search/jql', SearchPageSchema, {
        method: 'POST',
        json: {
          jql,
          fields: ['*all'],
          expand: 'changelog',
          maxResults: PAGE,
          ...(token === undefined ? {} : { nextPageToken: token }),
        },
      });
      for (const issue of page.issues) {
        out.push({
          issue,
          comments: await this.allComments(issue.id, issue.fields.comment ?? undefined),
          histories: await this.allHistories(issue.id, issue.changelog),
          worklogs: await this.allWorklogs(issue.id, issue.fields.worklog ?? undefined),
          // No field carries them and no search expands them: one read per issue, 1 point plus one per link.
          remoteLinks: await this.client.json(
            `/rest/api/3/issue/${issue.id}/remotelink`,
            z.array(ExportRemoteLinkSchema),
          ),
        });
      }
      token = page.isLast === false ? page.nextPageToken : undefined;
    } while (token !== undefined);
    return out;
  }

  /** The search's comments when they are all there; otherwise every page of the issue's comments. */
  private async allComments(
    issueId: string,
    first: { comments: ExportComment[]; total?: number | undefined } | undefined,
  ): Promise<ExportComment[]> {
    if (first && (first.total === undefined || first.comments.length >= first.total)) return first.comments;
    const out: ExportComment[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.client.json(`/rest/api/3/issue/${issueId}/comment`, CommentPageSchema, {
        query: { startAt, maxResults: PAGE, orderBy: 'created' },
      });
      out.push(...page.comments);
      startAt += page.comments.length;
      if (page.comments.length === 0 || startAt >= page.total) return out;
    }
  }

  /** The search's history when it is complete; otherwise every page of GET …/changelog. */
  private async allHistories(
    issueId: string,
    first: { histories: ExportHistory[]; total?: number | undefined } | undefined,
  ): Promise<ExportHistory[]> {
    if (first && (first.total === undefined || first.histories.length >= first.total)) return first.histories;
    const out: ExportHistory[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.client.json(`/rest/api/3/issue/${issueId}/changelog`, ChangelogPageSchema, {
        query: { startAt, maxResults: PAGE },
      });
      out.push(...page.values);
      startAt += page.values.length;
      if (page.values.length === 0 || page.isLast !== false) return out;
    }
  }

  /**
   * The search's worklogs when the answer holds them all (Jira Cloud sends the first 20 in `fields.worklog`);
   * otherwise every page of GET …/worklog. A site that does not send the field at all is asked per issue.
   */
  private async allWorklogs(
    issueId: string,
    first: { worklogs: ExportWorklog[]; total?: number | undefined } | undefined,
  ): Promise<ExportWorklog[]> {
    if (first && first.total !== undefined && first.worklogs.length >= first.total) return first.worklogs;
    const out: ExportWorklog[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.client.json(`/rest/api/3/issue/${issueId}/worklog`, WorklogPageSchema, {
        query: { startAt, maxResults: WORKLOG_PAGE },
      });
      out.push(...page.worklogs);
      startAt += page.worklogs.length;
      if (page.worklogs.length === 0 || startAt >= page.total) return out;
    }
  }

  async oldestCreated(projectKey: string): Promise<Date | undefined> {
    const page = await this.client.json('/rest/api/3/search/jql', SearchPageSchema, {
      method: 'POST',
      json: {
        jql: `project = ${quoted(projectKey)} ORDER BY created ASC`,
        fields: ['created'],
        maxResults: 1,
      },
    });
    const first = page.issues[0];
    return first ? (jiraInstant(first.fields.created) ?? undefined) : undefined;
  }

  /**
   * A relative date (`"-90m"`), not an instant: Jira reads JQL instants in the searching user's time zone
   * (the app's is not ours to know), while a relative one counts back from Jira's own now.
   */
  async issuesUpdatedWithin(projectKey: string, minutes: number): Promise<ChangedIssue[]> {
    if (!Number.isSafeInteger(minutes) || minutes < 1)
      throw new Error(`${String(minutes)} is not a scan window in minutes`);
    const jql = `project = ${quoted(projectKey)} AND updated >= ${quoted(`-${String(minutes)}m`)} ORDER BY updated ASC`;
    const out: ChangedIssue[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.json('/rest/api/3/search/jql', ChangedPageSchema, {
        method: 'POST',
        json: {
          jql,
          fields: ['created', 'updated'],
          maxResults: PAGE,
          ...(token === undefined ? {} : { nextPageToken: token }),
        },
      });
      for (const issue of page.issues) {
        const created = jiraInstant(issue.fields.created);
        const updated = jiraInstant(issue.fields.updated);
        if (created === null || updated === null)
          throw new TrackerError('unknown', `issue ${issue.id} has an unreadable created or updated time`);
        out.push({ id: issue.id, created, updated });
      }
      token = page.isLast === false ? page.nextPageToken : undefined;
    } while (token !== undefined);
    return out;
  }

  async createdOf(issueId: string): Promise<Date | undefined> {
    try {
      const issue = await this.client.json(
        `/rest/api/3/issue/${issueId}`,
        z.looseObject({ fields: z.looseObject({ created: z.string() }) }),
        { query: { fields: 'created' } },
      );
      return jiraInstant(issue.fields.created) ?? undefined;
    } catch (err) {
      if (err instanceof TrackerError && err.code === 'not_found') return undefined;
      throw err;
    }
  }
}

/** The source for one invocation, with its own governor of the local site in the background lane. */
export async function forgeExportSource(
  transport: JiraTransport = forgeJiraTransport,
): Promise<ExportSource> {
  const site = await localSiteUrl();
  const governor = siteGovernor(site, 'Jira', 'background', readJiraRateHeaders);
  return new JiraExportSource(new JiraClient(transport, 'this Jira site', governor));
}
