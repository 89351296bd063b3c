/**
 * `GET /sites/<site>/view/<KEY>`: one issue with forms to edit summary, description and labels, to comment and
 * to transition. The forms post to plain-actions.ts, which writes through the site's REST API as the acting
 * account and redirects back here with what happened.
 */
import { html, type SafeHtml } from '../html';
import type { WebRoute } from '../http';
import { sendHtml } from '../http';
import { loadIssue, type IssueDetails } from '../jira/issue-data';
import { JiraRequestError } from '../jira/jira-client';
import { issueTypeIcon, sectionMessage, statusLozenge } from '../look/components';
import { actingOn, framed, siteExists, type WebContext } from '../web-context';
import { adfText, commentList, detailsCard } from './issue-parts';
import { notFound } from './not-found';
import { KEY, SITE, issueViewPath, plainIssuePath, plainListPath } from './paths';

const DONE: Readonly<Record<string, string>> = {
  edited: 'Issue updated.',
  unchanged: 'Nothing changed.',
  commented: 'Comment added.',
  transitioned: 'Status changed.',
};

function flash(url: URL): SafeHtml | '' {
  const error = url.searchParams.get('error');
  if (error !== null) return sectionMessage('error', 'Jira refused the change', html`<p>${error}</p>`);
  const done = DONE[url.searchParams.get('done') ?? ''];
  return done === undefined ? '' : sectionMessage('success', undefined, html`<p>${done}</p>`);
}

function editForm(site: string, d: IssueDetails): SafeHtml {
  const f = d.issue.fields;
  return html`<form
    class="card"
    method="post"
    action="${plainIssuePath(site, d.issue.key)}/edit"
    aria-label="Edit issue"
  >
    <header>Edit</header>
    <div class="body">
      <div class="field">
        <label for="summary">Summary</label
        ><input type="text" id="summary" name="summary" required maxlength="255" value="${f.summary}" />
      </div>
      <div class="field">
        <label for="description">Description</label
        ><textarea id="description" name="description">${adfText(f.description)}</textarea>
      </div>
      <div class="field">
        <label for="labels">Labels</label
        ><input type="text" id="labels" name="labels" value="${f.labels.join(' ')}" /><span class="help"
          >Separated by spaces; a label cannot contain one.</span
        >
      </div>
      <div class="button-row">
        <button class="button primary" type="submit">Save</button
        ><a class="button subtle" href="${plainIssuePath(site, d.issue.key)}">Cancel</a>
      </div>
    </div>
  </form>`;
}

function commentsCard(site: string, d: IssueDetails): SafeHtml {
  const list = commentList(d);
  return html`<section class="card" aria-label="Comments">
    <header>Comments <span class="subtle">${d.comments.length}</span></header>
    <div class="body">
      ${list.length > 0 ? list : html`<p class="empty" style="margin-top:0">No comments yet.</p>`}
      <form method="post" action="${plainIssuePath(site, d.issue.key)}/comment">
        <div class="field">
          <label for="comment">Add a comment</label
          ><textarea class="small" id="comment" name="body" required></textarea>
        </div>
        <button class="button primary" type="submit">Add comment</button>
      </form>
    </div>
  </section>`;
}

function statusCard(site: string, d: IssueDetails): SafeHtml {
  const options = d.transitions.map(
    (t) =>
      html`<option value="${t.id}">${t.name === t.to.name ? t.name : `${t.name} → ${t.to.name}`}</option>`,
  );
  const form =
    d.transitions.length > 0
      ? html`<form
          method="post"
          action="${plainIssuePath(site, d.issue.key)}/transition"
          class="button-row"
          style="margin-top:8px"
        >
          <label class="subtle" for="transition-id" style="flex-basis:100%">Move to</label>
          <select id="transition-id" name="transition" style="flex:1">
            ${options}</select
          ><button class="button primary" type="submit">Transition</button>
        </form>`
      : html`<p class="subtlest">No transitions from here.</p>`;
  return html`<section class="card" id="transition" aria-label="Status">
    <header>Status<span class="spacer"></span>${statusLozenge(d.issue.fields.status)}</header>
    <div class="body">${form}</div>
  </section>`;
}

export function plainIssueRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/sites/${SITE}/view/${KEY}$`),
      handler: async (req, res, [site = '', key = '']) => {
        if (!siteExists(ctx, site)) return notFound(ctx, req, res, `There is no site ${site}.`);
        const as = actingOn(ctx, req, site);
        if (!as) return notFound(ctx, req, res, `Nobody on ${site} can sign in.`);
        let d: IssueDetails;
        try {
          d = await loadIssue(ctx.jira, site, as, key);
        } catch (err) {
          if (err instanceof JiraRequestError && err.status === 404)
            return notFound(ctx, req, res, `There is no issue ${key} on ${site}.`);
          throw err;
        }
        const local = site === ctx.localSite;
        const body = html`<div class="grid">
          <div>
            <h1 class="issue-summary">${d.issue.fields.summary}</h1>
            ${flash(req.url)} ${editForm(site, d)} ${commentsCard(site, d)}
          </div>
          <aside>
            ${statusCard(site, d)} ${detailsCard(d, true)}
            ${local
              ? html`<a class="button" href="${issueViewPath(d.issue.key)}">Open in the Jira issue view</a>`
              : ''}
          </aside>
        </div>`;
        const project = d.issue.fields.project;
        sendHtml(
          res,
          200,
          framed(ctx, req, {
            title: `${d.issue.key} ${d.issue.fields.summary}`,
            current: plainListPath(site),
            site,
            wide: true,
            breadcrumbs: [
              { href: '/', text: 'Sites' },
              { href: plainListPath(site), text: site },
              ...(project ? [project.name] : []),
              {
                href: plainIssuePath(site, d.issue.key),
                text: d.issue.key,
                icon: issueTypeIcon(d.issue.fields.issuetype?.name),
              },
            ],
            body,
          }),
        );
      },
    },
  ];
}
