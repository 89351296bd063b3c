/**
 * The plain view's forms: `POST /sites/<site>/view/<KEY>/{edit,comment,transition}`. Each writes through the
 * site's REST API as the acting account (so the emulator records the person as author and fires the product
 * event the app's trigger listens to), then redirects back to the issue (303, so reloading does not post again).
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { HttpRequest } from '../../host';
import { textToAdf } from '../../jira';
import type { Account } from '../accounts';
import type { WebRoute } from '../http';
import { BadRequestError, readForm, redirect } from '../http';
import { loadIssue } from '../jira/issue-data';
import { JiraRequestError } from '../jira/jira-client';
import { actingOn, siteExists, type WebContext } from '../web-context';
import { adfText } from './issue-parts';
import { notFound } from './not-found';
import { KEY, SITE, plainIssuePath } from './paths';

const EditFormSchema = z.strictObject({
  summary: z.string().trim().min(1, 'the summary is required').max(255),
  description: z.string().default(''),
  labels: z.string().default(''),
});
const CommentFormSchema = z.strictObject({ body: z.string().trim().min(1, 'the comment is empty') });
const TransitionFormSchema = z.strictObject({ transition: z.string().regex(/^\d+$/) });

/** Browsers send textarea line breaks as CRLF; Jira text uses LF. */
const normalise = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');

function parseLabels(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

type Action = (ctx: WebContext, site: string, as: Account, key: string, req: HttpRequest) => Promise<string>;

const edit: Action = async (ctx, site, as, key, req) => {
  const form = readForm(req, EditFormSchema);
  const { issue } = await loadIssue(ctx.jira, site, as, key);
  // Only what changed is sent: an unchanged field in the request would still be a write, and a needless event.
  const fields: Record<string, unknown> = {};
  if (form.summary !== issue.fields.summary) fields.summary = form.summary;
  const description = normalise(form.description);
  if (description !== adfText(issue.fields.description))
    fields.description = description === '' ? null : textToAdf(description);
  const labels = parseLabels(form.labels);
  if (labels.join(' ') !== issue.fields.labels.join(' ')) fields.labels = labels;
  if (Object.keys(fields).length === 0) return 'unchanged';
  await ctx.jira.write(site, as, `/rest/api/3/issue/${encodeURIComponent(key)}`, {
    method: 'PUT',
    body: { fields },
  });
  return 'edited';
};

const comment: Action = async (ctx, site, as, key, req) => {
  const form = readForm(req, CommentFormSchema);
  await ctx.jira.write(site, as, `/rest/api/3/issue/${encodeURIComponent(key)}/comment`, {
    method: 'POST',
    body: { body: textToAdf(normalise(form.body)) },
  });
  return 'commented';
};

const transition: Action = async (ctx, site, as, key, req) => {
  const form = readForm(req, TransitionFormSchema);
  await ctx.jira.write(site, as, `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, {
    method: 'POST',
    body: { transition: { id: form.transition } },
  });
  return 'transitioned';
};

function route(ctx: WebContext, name: string, action: Action): WebRoute {
  return {
    method: 'POST',
    pattern: new RegExp(`^/sites/${SITE}/view/${KEY}/${name}$`),
    handler: async (req: HttpRequest, res: ServerResponse, [site = '', key = '']) => {
      if (!siteExists(ctx, site)) return notFound(ctx, req, res, `There is no site ${site}.`);
      const as = actingOn(ctx, req, site);
      if (!as) return notFound(ctx, req, res, `Nobody on ${site} can sign in.`);
      const back = plainIssuePath(site, key);
      try {
        const done = await action(ctx, site, as, key, req);
        redirect(res, `${back}?done=${done}`);
      } catch (err) {
        if (!(err instanceof JiraRequestError) && !(err instanceof BadRequestError)) throw err;
        redirect(res, `${back}?error=${encodeURIComponent(err.message)}`);
      }
    },
  };
}

export function plainActionRoutes(ctx: WebContext): WebRoute[] {
  return [route(ctx, 'edit', edit), route(ctx, 'comment', comment), route(ctx, 'transition', transition)];
}
