/** A project's issues as Jira's list view: a card with the project header and one row per issue. */
import type { Account } from '../accounts';
import { html, type HtmlValue, type SafeHtml } from '../html';
import { listIssues } from '../jira/issue-data';
import type { JiraProject } from '../jira/jira-schemas';
import { issueTypeIcon, person, projectAvatar, statusLozenge } from '../look/components';
import type { WebContext } from '../web-context';
import { issueViewPath, plainIssuePath } from './paths';

export interface IssueTableOptions {
  /** Extra header content (lozenges, buttons) after the project name. */
  header?: HtmlValue;
}

/**
 * Keys link to the Jira issue view on the local site (where the app's panel is) and to the plain view elsewhere;
 * the last column always offers both that apply.
 */
export async function projectIssuesCard(
  ctx: WebContext,
  site: string,
  project: JiraProject,
  as: Account,
  options: IssueTableOptions = {},
): Promise<SafeHtml> {
  const local = site === ctx.localSite;
  const list = await listIssues(ctx.jira, site, as, project.key);
  const rows = list.issues.map((issue) => {
    const f = issue.fields;
    const keyHref = local ? issueViewPath(issue.key) : plainIssuePath(site, issue.key);
    return html`<tr>
      <td><a class="key" href="${keyHref}">${issueTypeIcon(f.issuetype?.name)}${issue.key}</a></td>
      <td><a href="${keyHref}">${f.summary}</a></td>
      <td>${statusLozenge(f.status)}</td>
      <td>${person(f.assignee)}</td>
      <td class="actions">
        ${local ? html`<a href="${issueViewPath(issue.key)}">Issue view</a> · ` : ''}<a
          href="${plainIssuePath(site, issue.key)}"
          >Plain view</a
        >
      </td>
    </tr>`;
  });
  return html`<section class="card" aria-label="${project.name}">
    <header>
      ${projectAvatar(project.key)}<span>${project.name} <span class="subtle">(${project.key})</span></span
      >${options.header ?? ''}
    </header>
    <div class="body flush">
      <table class="list">
        <thead>
          <tr>
            <th>Key</th>
            <th>Summary</th>
            <th>Status</th>
            <th>Assignee</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${rows.length > 0
            ? rows
            : html`<tr>
                <td colspan="5" class="empty">No issues yet.</td>
              </tr>`}
        </tbody>
      </table>
      ${list.truncated
        ? html`<p class="subtlest" style="padding:8px">Showing the first ${list.issues.length} issues.</p>`
        : ''}
    </div>
  </section>`;
}
