/**
 * `GET /`: where a person starts. Every project with its issues (the local ones open in the Jira issue view with
 * the app's panel, every one also in the plain view), the settings page of each local project, the demo
 * credentials for the sites' REST APIs, and the control API.
 */
import { accountsOf } from '../accounts';
import { html, type SafeHtml } from '../html';
import type { WebRoute } from '../http';
import { sendHtml } from '../http';
import { listProjects } from '../jira/issue-data';
import type { JiraProject } from '../jira/jira-schemas';
import { lozenge, sectionMessage } from '../look/components';
import { actingOn, framed, type WebContext } from '../web-context';
import { describeError } from '../errors';
import { projectIssuesCard } from './issue-table';
import { plainListPath, settingsPath } from './paths';

const CONTROL_API: readonly { path: string; what: string }[] = [
  { path: '/_sandbox/api/health', what: 'Sites, functions, modules, product event and pending work counts' },
  { path: '/_sandbox/api/demo', what: 'Site URLs with credentials, connections and git integrations' },
  { path: '/_sandbox/api/invocations', what: 'Every function invocation with its outcome and limits' },
  { path: '/_sandbox/api/requests', what: 'Every request the app made: Jira, KVS, queue, egress' },
  { path: '/_sandbox/api/webtriggers', what: 'Web trigger URLs created so far' },
  { path: '/_sandbox/api/faults', what: 'Injected faults (latency, errors, rate limits)' },
];

function projectHeader(ctx: WebContext, site: string, project: JiraProject): SafeHtml {
  const local = site === ctx.localSite;
  return html`${local ? lozenge('App installed', 'success') : lozenge('Remote tracker', 'new')}<span
      class="subtlest"
      >site ${site}</span
    >
    <span class="spacer"></span>
    ${local
      ? html`<a class="button subtle" href="${settingsPath(project.key)}">Project settings · Tandem</a>`
      : ''}
    <a class="button subtle" href="${plainListPath(site)}">Plain view</a>`;
}

async function siteCards(
  ctx: WebContext,
  site: string,
  req: Parameters<typeof actingOn>[1],
): Promise<SafeHtml> {
  const as = actingOn(ctx, req, site);
  if (!as) return sectionMessage('warning', `Site ${site}`, html`<p>Nobody on this site can sign in.</p>`);
  try {
    const projects = await listProjects(ctx.jira, site, as);
    if (projects.length === 0)
      return sectionMessage('information', `Site ${site}`, html`<p>This site has no projects.</p>`);
    return html`${await Promise.all(
      projects.map((p) => projectIssuesCard(ctx, site, p, as, { header: projectHeader(ctx, site, p) })),
    )}`;
  } catch (err) {
    return sectionMessage('error', `Site ${site} could not be read`, html`<p>${describeError(err)}</p>`);
  }
}

function credentials(ctx: WebContext): SafeHtml {
  const sites = ctx.host.emulator.siteNames().map((site) => {
    const rows = accountsOf(ctx.host.emulator, site).map(
      (a) =>
        html`<tr>
          <td>${a.email} ${a.admin ? lozenge('admin', 'inprogress') : ''}</td>
          <td><code>${a.apiToken ?? '—'}</code></td>
        </tr>`,
    );
    return html`<h3 class="section">
        ${site} <span class="subtlest"><code>${ctx.host.url}/sites/${site}</code></span>
      </h3>
      <table class="list">
        <thead>
          <tr>
            <th>Email</th>
            <th>API token</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`;
  });
  return html`<section class="card" aria-label="Demo credentials">
    <header>Demo credentials</header>
    <div class="body">
      <p class="subtle" style="margin:0">
        Basic auth (<code>email:token</code>) for each site's REST API, as with an Atlassian API token. The
        switch at the top right picks who you act as on these pages.
      </p>
      ${sites}
    </div>
  </section>`;
}

function controlApi(): SafeHtml {
  const items = CONTROL_API.map(
    (c) =>
      html`<li>
        <a href="${c.path}"><code>${c.path}</code></a
        ><span class="subtlest">${c.what}</span>
      </li>`,
  );
  return html`<section class="card" aria-label="Control API">
    <header>Control API</header>
    <div class="body">
      <ul class="links">
        ${items}
      </ul>
      <p class="subtlest" style="margin:8px 0 0">
        Also <code>POST /_sandbox/api/invoke/&lt;functionKey&gt;</code>, <code>/settle</code>,
        <code>/scheduled/&lt;key&gt;/run</code>.
      </p>
    </div>
  </section>`;
}

export function homeRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^\/$/,
      handler: async (req, res) => {
        const sites = ctx.host.emulator
          .siteNames()
          .sort((a, b) => Number(b === ctx.localSite) - Number(a === ctx.localSite));
        const cards = await Promise.all(sites.map((site) => siteCards(ctx, site, req)));
        const body = html`<h1 class="page-title">Tandem sandbox</h1>
          <p class="page-lead">
            Tandem runs here on a local Forge host against emulated Jira Cloud sites. It is installed on
            <strong>${ctx.localSite}</strong>; the other sites play the remote trackers it syncs with.
          </p>
          <div class="grid">
            <div>${cards}</div>
            <aside>${credentials(ctx)}${controlApi()}</aside>
          </div>`;
        sendHtml(res, 200, framed(ctx, req, { title: 'Your work', current: '/', wide: true, body }));
      },
    },
  ];
}
