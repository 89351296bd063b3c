/**
 * `GET /sites/<site>/view`: every project of a site with its issues, read through the site's search API as the
 * acting account. Works for the local site and for the sites that play remote trackers.
 */
import { html } from '../html';
import type { WebRoute } from '../http';
import { sendHtml } from '../http';
import { listProjects } from '../jira/issue-data';
import { lozenge, sectionMessage } from '../look/components';
import { actingOn, framed, siteExists, type WebContext } from '../web-context';
import { projectIssuesCard } from './issue-table';
import { notFound } from './not-found';
import { SITE, plainListPath, settingsPath } from './paths';

export function plainListRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/sites/${SITE}/view$`),
      handler: async (req, res, [site = '']) => {
        if (!siteExists(ctx, site)) return notFound(ctx, req, res, `There is no site ${site}.`);
        const as = actingOn(ctx, req, site);
        if (!as) return notFound(ctx, req, res, `Nobody on ${site} can sign in.`);
        const local = site === ctx.localSite;
        const projects = await listProjects(ctx.jira, site, as);
        const cards = await Promise.all(
          projects.map((p) =>
            projectIssuesCard(ctx, site, p, as, {
              header: local
                ? html`<span class="spacer"></span
                    ><a class="button subtle" href="${settingsPath(p.key)}">Project settings · Tandem</a>`
                : '',
            }),
          ),
        );
        const body = html`<div class="issue-header">
            <h1 class="page-title" style="margin:0">Issues</h1>
            ${local ? lozenge('App installed', 'success') : lozenge('Remote tracker', 'new')}
          </div>
          <p class="page-lead">
            Site <strong>${site}</strong> as ${as.displayName}. Changes made here go through the site's REST
            API, so Jira fires its product
            events${local ? ' and Tandem syncs them' : ' and Tandem sees them on its next cycle'}.
          </p>
          ${cards.length > 0
            ? cards
            : sectionMessage('information', undefined, html`<p>This site has no projects.</p>`)}`;
        sendHtml(
          res,
          200,
          framed(ctx, req, {
            title: `Issues on ${site}`,
            current: plainListPath(site),
            site,
            wide: true,
            breadcrumbs: [{ href: '/', text: 'Sites' }, { href: plainListPath(site), text: site }, 'Issues'],
            body,
          }),
        );
      },
    },
  ];
}
