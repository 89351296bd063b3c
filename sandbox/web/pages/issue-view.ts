/**
 * `GET /issues/<KEY>`: a local issue as Jira shows it (summary, description, status, details, development
 * information, comments) with the app's `jira:issuePanel`. A UI Kit panel runs server-side in a fresh instance
 * for this page view; the page shows its first settled rendering and client/uikit-panel.ts keeps it
 * interactive.
 */
import type { Account } from '../accounts';
import { html, type SafeHtml } from '../html';
import type { WebRoute } from '../http';
import { sendHtml } from '../http';
import { loadIssue, type IssueDetails } from '../jira/issue-data';
import { JiraRequestError } from '../jira/jira-client';
import { APP_ICON, issueTypeIcon, sectionMessage, statusAppearance } from '../look/components';
import { ISSUE_PANEL_TYPE, SETTINGS_PAGE_TYPE, modulesOfType, type UiModule } from '../ui-manifest';
import { panelSection, renderInstance } from '../uikit/panel-html';
import { describeError } from '../errors';
import { actingOn, framed, type WebContext } from '../web-context';
import { developmentCard, developmentOf } from './development-panel';
import { adfText, commentList, detailsCard } from './issue-parts';
import { notFound } from './not-found';
import { KEY, issueViewPath, plainIssuePath } from './paths';
import { projectSidebar } from './project-sidebar';

/** How long the first rendering waits for the panel's resolver calls; after that the page polls. */
const FIRST_RENDER_SETTLE_MS = 5_000;

async function appPanel(
  ctx: WebContext,
  module: UiModule,
  account: Account,
  details: IssueDetails,
): Promise<SafeHtml> {
  if (module.kind !== 'ui-kit') {
    return html`<section class="app-panel" aria-label="${module.title}">
      <header>${APP_ICON}<span>${module.title}</span></header>
      <div class="body">
        <div class="fd-unknown">
          <span class="fd-unknown-label">Custom UI issue panel · not rendered by the sandbox</span>
        </div>
      </div>
    </section>`;
  }
  const { issue } = details;
  const project = issue.fields.project;
  try {
    const instance = await ctx.uiKit.open(
      module,
      account,
      {
        issue: {
          id: issue.id,
          key: issue.key,
          type: issue.fields.issuetype?.name,
          typeId: issue.fields.issuetype?.id,
        },
        project: { id: project?.id, key: project?.key, type: 'software' },
        isNewToIssue: false,
      },
      `${module.key} on ${issue.key} as ${account.email}`,
    );
    const settled = await instance.settle(FIRST_RENDER_SETTLE_MS);
    return panelSection(module.title, instance, renderInstance(instance, settled));
  } catch (err) {
    return html`<section class="app-panel" aria-label="${module.title}">
      <header>${APP_ICON}<span>${module.title}</span></header>
      <div class="body">
        ${sectionMessage(
          'error',
          'The panel could not start',
          html`<pre class="mono" style="white-space:pre-wrap;margin:0">${describeError(err)}</pre>`,
        )}
      </div>
    </section>`;
  }
}

export async function issuePage(
  ctx: WebContext,
  account: Account,
  details: IssueDetails,
): Promise<{ body: SafeHtml; sidebar: SafeHtml }> {
  const { issue } = details;
  const f = issue.fields;
  const panels = await Promise.all(
    modulesOfType(ctx.ui, ISSUE_PANEL_TYPE).map((m) => appPanel(ctx, m, account, details)),
  );
  const description = adfText(f.description);
  const statusClass = statusAppearance(f.status?.statusCategory?.key);
  const body = html`<div class="grid">
    <div>
      <h1 class="issue-summary">${f.summary}</h1>
      <h3 class="section">Description</h3>
      ${description !== ''
        ? html`<div class="description">${description}</div>`
        : html`<p class="empty">Add a description…</p>`}
      ${panels}
      <h3 class="section">Activity</h3>
      ${details.comments.length > 0 ? commentList(details) : html`<p class="empty">No comments yet.</p>`}
    </div>
    <aside>
      <div class="status-row">
        <a
          class="${statusClass === 'default' ? 'button status' : `button status ${statusClass}`}"
          href="${plainIssuePath(ctx.localSite, issue.key)}#transition"
          title="Change the status in the plain view"
          >${f.status?.name ?? 'Unknown'} <span aria-hidden="true">▾</span></a
        >
        <a class="button subtle" href="${plainIssuePath(ctx.localSite, issue.key)}">Edit in plain view</a>
      </div>
      ${detailsCard(details, true)} ${developmentCard(developmentOf(ctx, issue.key))}
    </aside>
  </div>`;
  const project = f.project ?? {
    id: '',
    key: issue.key.split('-')[0] ?? '',
    name: issue.key.split('-')[0] ?? '',
  };
  const sidebar = projectSidebar({
    project,
    site: ctx.localSite,
    settingsModules: modulesOfType(ctx.ui, SETTINGS_PAGE_TYPE),
    selected: 'issues',
  });
  return { body, sidebar };
}

export function issueViewRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/issues/${KEY}$`),
      handler: async (req, res, [key = '']) => {
        const account = actingOn(ctx, req);
        if (!account) return notFound(ctx, req, res, 'Nobody on the local site can sign in.');
        let details: IssueDetails;
        try {
          details = await loadIssue(ctx.jira, ctx.localSite, account, key);
        } catch (err) {
          if (err instanceof JiraRequestError && err.status === 404)
            return notFound(ctx, req, res, `There is no issue ${key} on ${ctx.localSite}.`);
          throw err;
        }
        const { body, sidebar } = await issuePage(ctx, account, details);
        const project = details.issue.fields.project;
        const breadcrumbs = [
          { href: '/', text: 'Projects' },
          ...(project
            ? [{ href: `/sites/${encodeURIComponent(ctx.localSite)}/view`, text: project.name }]
            : []),
          {
            href: issueViewPath(details.issue.key),
            text: details.issue.key,
            icon: issueTypeIcon(details.issue.fields.issuetype?.name),
          },
        ];
        sendHtml(
          res,
          200,
          framed(ctx, req, {
            title: `${details.issue.key} ${details.issue.fields.summary}`,
            sidebar,
            breadcrumbs,
            body,
            scripts: ['uikit-panel.js'],
          }),
        );
      },
    },
  ];
}
