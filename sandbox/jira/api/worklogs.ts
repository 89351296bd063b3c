/**
 * Issue worklogs, as the platform OpenAPI (../shared/contracts/jira/platform-openapi-v3.json) describes
 * getIssueWorklog, addWorklog, getWorklog, updateWorklog and deleteWorklog:
 * - time in `timeSpentSeconds`, or `timeSpent` as "#w #d #h #m" (not both); `started` required on add, in
 *   Jira's format "2021-01-17T12:34:00.000+0000"; `comment` in ADF (wiki markup on Data Center);
 * - `properties` (EntityProperty) on add and update, returned with `expand=properties`;
 * - `adjustEstimate` (new, leave, manual, auto; default auto) with `newEstimate`, `reduceBy` or
 *   `increaseBy` as its operations document: a missing or invalid companion is a 400. The emulator keeps
 *   no estimates, so a valid adjustment changes nothing else;
 * - the list is a PageOfWorklogs ordered by created time, `startAt`, `maxResults` (default 5000),
 *   `startedAfter` / `startedBefore` (epoch ms);
 * - every write moves the issue's `updated`, as booking time does in Jira.
 * Points and the per-issue write limit come from the rate-limit model like any route with {issueIdOrKey}
 * (rate-limits/cost.ts counts the `worklogs` of a page as the objects a read returns).
 */
import { z } from 'zod';
import { adfProblem } from '../adf/validate-adf';
import { touchIssue } from '../domain/record-change';
import { parseJsonBody } from '../http/body';
import type { RequestContext } from '../http/context';
import { badRequest, empty, fieldErrors, json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import { renderWorklog } from '../render/worklog';
import { removeEntry, type Issue, type Json, type Worklog } from '../state';

const WorklogBody = z.looseObject({
  comment: z.json().optional(),
  started: z.string().optional(),
  timeSpent: z.string().optional(),
  timeSpentSeconds: z.number().int().optional(),
  visibility: z
    .looseObject({ type: z.enum(['group', 'role']), value: z.string() })
    .nullable()
    .optional(),
  properties: z.array(z.looseObject({ key: z.string(), value: z.json() })).optional(),
});
type WorklogBody = z.output<typeof WorklogBody>;

/** Jira's default time tracking: a week of 5 days, a day of 8 hours. */
const UNIT_SECONDS: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60, '': 60 };

/** "2d 3h 30m", "90" (minutes): the seconds it names, or undefined when it is not a duration. */
export function durationSeconds(text: string): number | undefined {
  const parts = text.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)([wdhm]?)$/.exec(part);
    const unit = m ? UNIT_SECONDS[m[2] ?? ''] : undefined;
    if (!m || unit === undefined) return undefined;
    total += Number(m[1]) * unit;
  }
  return Math.round(total);
}

/** `started` as Jira writes it: "yyyy-MM-dd'T'HH:mm:ss.SSSZ", the zone as +hhmm. */
function parseStarted(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[2]}${m[3]}:${m[4]}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The seconds a body books: exactly one of timeSpentSeconds and timeSpent, above zero. */
function timeOf(input: WorklogBody): number | undefined {
  if (input.timeSpentSeconds !== undefined && input.timeSpent !== undefined)
    throw fieldErrors({ timeLogged: 'Provide either timeSpent or timeSpentSeconds, not both.' });
  if (input.timeSpent !== undefined) {
    const seconds = durationSeconds(input.timeSpent);
    if (seconds === undefined) throw fieldErrors({ timeLogged: 'Invalid time duration entered.' });
    return seconds;
  }
  return input.timeSpentSeconds;
}

function validComment(ctx: RequestContext, comment: Json | undefined): Json | null {
  if (comment === undefined || comment === null) return null;
  if (ctx.site.dataCenter) {
    if (typeof comment !== 'string') throw fieldErrors({ comment: 'Comment must be text.' });
    return comment;
  }
  const problem = adfProblem(comment);
  if (problem !== undefined)
    throw fieldErrors({ comment: `Comment is not a valid Atlassian Document: ${problem}` });
  return comment;
}

/** The companion parameter each `adjustEstimate` needs (addWorklog, updateWorklog, deleteWorklog). */
function checkAdjustEstimate(ctx: RequestContext, manualParam: 'reduceBy' | 'increaseBy' | undefined): void {
  const mode = ctx.query.string('adjustEstimate') ?? 'auto';
  const allowed = manualParam === undefined ? ['new', 'leave', 'auto'] : ['new', 'leave', 'manual', 'auto'];
  if (!allowed.includes(mode)) throw badRequest(`Invalid value '${mode}' for adjustEstimate.`);
  const needs = mode === 'new' ? 'newEstimate' : mode === 'manual' ? manualParam : undefined;
  if (needs === undefined) return;
  const value = ctx.query.string(needs);
  if (value === undefined || durationSeconds(value) === undefined)
    throw badRequest(`You must supply a valid ${needs} when adjustEstimate is ${mode}.`);
}


function requireWorklog(ctx: RequestContext, issue: Issue): Worklog {
  const worklog = ctx.site.state.worklogs[ctx.param('id')];
  if (!worklog || worklog.issueId !== issue.id)
    throw notFound(`Cannot find worklog with id: ${ctx.param('id')}.`);
  return worklog;
}

const expandsProperties = (ctx: RequestContext) => (ctx.query.list('expand') ?? []).includes('properties');

function listWorklogs(ctx: RequestContext): Record<string, unknown> {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  const startAt = ctx.query.int('startAt', 0);
  const maxResults = ctx.query.int('maxResults', 5000);
  const after = ctx.query.int('startedAfter', Number.NEGATIVE_INFINITY);
  const before = ctx.query.int('startedBefore', Number.POSITIVE_INFINITY);
  const all = ctx.site.worklogsOf(issue.id).filter((w) => w.started >= after && w.started < before);
  const properties = expandsProperties(ctx);
  return {
    startAt,
    maxResults,
    total: all.length,
    worklogs: all.slice(startAt, startAt + maxResults).map((w) => renderWorklog(ctx.site, w, { properties })),
  };
}

function addWorklog(ctx: RequestContext): Record<string, unknown> {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  checkAdjustEstimate(ctx, 'reduceBy');
  const input = parseJsonBody(ctx.body, WorklogBody);
  const seconds = timeOf(input);
  if (seconds === undefined || seconds <= 0)
    throw fieldErrors({ timeLogged: 'You must indicate the time spent working.' });
  const started = input.started === undefined ? undefined : parseStarted(input.started);
  if (started === undefined)
    throw fieldErrors({ started: 'You must specify a valid date the work started.' });
  const now = ctx.site.now();
  const worklog: Worklog = {
    id: ctx.site.nextId('worklog'),
    issueId: issue.id,
    authorId: ctx.actor.accountId,
    updateAuthorId: ctx.actor.accountId,
    comment: validComment(ctx, input.comment),
    started,
    timeSpentSeconds: seconds,
    created: now,
    updated: now,
    visibility: input.visibility ?? null,
    properties: Object.fromEntries((input.properties ?? []).map((p) => [p.key, p.value])),
  };
  ctx.site.state.worklogs[worklog.id] = worklog;
  touchIssue(ctx.site, issue);
  return renderWorklog(ctx.site, worklog, { properties: expandsProperties(ctx) });
}

function updateWorklog(ctx: RequestContext): Record<string, unknown> {
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  const worklog = requireWorklog(ctx, issue);
  checkAdjustEstimate(ctx, undefined);
  const input = parseJsonBody(ctx.body, WorklogBody);
  const seconds = timeOf(input);
  if (seconds !== undefined && seconds <= 0)
    throw fieldErrors({ timeLogged: 'You must indicate the time spent working.' });
  if (input.started !== undefined) {
    const started = parseStarted(input.started);
    if (started === undefined)
      throw fieldErrors({ started: 'You must specify a valid date the work started.' });
    worklog.started = started;
  }
  if (seconds !== undefined) worklog.timeSpentSeconds = seconds;
  if (input.comment !== undefined) worklog.comment = validComment(ctx, input.comment);
  if (input.visibility !== undefined) worklog.visibility = input.visibility;
  for (const p of input.properties ?? []) worklog.properties[p.key] = p.value;
  worklog.updated = ctx.site.now();
  worklog.updateAuthorId = ctx.actor.accountId;
  touchIssue(ctx.site, issue);
  return renderWorklog(ctx.site, worklog, { properties: expandsProperties(ctx) });
}

const WORKLOG = '/rest/api/3/issue/{issueIdOrKey}/worklog';

export const worklogRoutes: readonly Route[] = [
  { method: 'GET', pattern: WORKLOG, handler: (ctx) => json(listWorklogs(ctx)) },
  { method: 'POST', pattern: WORKLOG, handler: (ctx) => json(addWorklog(ctx), 201) },
  {
    method: 'GET',
    pattern: `${WORKLOG}/{id}`,
    handler: (ctx) => {
      const worklog = requireWorklog(ctx, ctx.site.requireIssue(ctx.param('issueIdOrKey')));
      return json(renderWorklog(ctx.site, worklog, { properties: expandsProperties(ctx) }));
    },
  },
  { method: 'PUT', pattern: `${WORKLOG}/{id}`, handler: (ctx) => json(updateWorklog(ctx)) },
  {
    method: 'DELETE',
    pattern: `${WORKLOG}/{id}`,
    handler: (ctx) => {
      const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
      const worklog = requireWorklog(ctx, issue);
      checkAdjustEstimate(ctx, 'increaseBy');
      removeEntry(ctx.site.state.worklogs, worklog.id);
      touchIssue(ctx.site, issue);
      return empty();
    },
  },
];
