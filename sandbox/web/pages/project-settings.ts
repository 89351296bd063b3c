/**
 * `GET /projects/<KEY>/settings`: Jira's project settings frame with the app's `jira:projectSettingsPage` (Custom UI)
 * in an iframe. The page embeds the surface config (context, invoke body) for client/custom-ui-host.ts, which
 * answers the iframe's bridge calls; the iframe's index.html carries the bridge shim (custom-ui-static.ts).
 */
import type { Account } from '../accounts';
import { html, jsonForScript } from '../html';
import type { WebRoute } from '../http';
import { sendHtml } from '../http';
import { JiraRequestError } from '../jira/jira-client';
import { ProjectSchema, type JiraProject } from '../jira/jira-schemas';
import { APP_ICON, sectionMessage } from '../look/components';
import { ASSET_PREFIX } from '../look/shell';
import { invokeBody, surfaceContext } from '../bridge/forge-context';
import type { SurfaceConfig } from '../client/protocol';
import { SETTINGS_PAGE_TYPE, modulesOfType } from '../ui-manifest';
import { actingOn, framed, type WebContext } from '../web-context';
import { customUiBuilt } from './custom-ui-static';
import { FETCH_PRODUCT_PATH, INVOKE_PATH, KEY, customUiPath, settingsPath } from './paths';
import { projectSidebar } from './project-sidebar';
import { notFound } from './not-found';

/** The project as the account sees it; undefined when the site has no such project. */
export async function findProject(
  ctx: WebContext,
  account: Account,
  key: string,
): Promise<JiraProject | undefined> {
  try {
    return await ctx.jira.json(
      ctx.localSite,
      account,
      `/rest/api/3/project/${encodeURIComponent(key)}`,
      ProjectSchema,
    );
  } catch (err) {
    if (err instanceof JiraRequestError && err.status === 404) return undefined;
    throw err;
  }
}

export function projectSettingsRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/projects/${KEY}/settings$`),
      handler: async (req, res, [key = '']) => {
        const account = actingOn(ctx, req);
        if (!account) return notFound(ctx, req, res, 'Nobody on the local site can sign in.');
        const project = await findProject(ctx, account, key);
        if (!project) return notFound(ctx, req, res, `There is no project ${key} on ${ctx.localSite}.`);
        const modules = modulesOfType(ctx.ui, SETTINGS_PAGE_TYPE);
        const wanted = req.url.searchParams.get('module');
        const module = modules.find((m) => m.key === wanted) ?? modules[0];
        const sidebar = projectSidebar({
          project,
          site: ctx.localSite,
          settingsModules: modules,
          selected: { module: module?.key ?? '' },
        });
        const breadcrumbs = [
          { href: '/', text: 'Projects' },
          { href: settingsPath(project.key), text: project.name },
          'Project settings',
          'Apps',
        ];

        if (!module) {
          const body = sectionMessage(
            'information',
            'No settings page',
            html`<p>The manifest has no <code>${SETTINGS_PAGE_TYPE}</code> module.</p>`,
          );
          return sendHtml(
            res,
            200,
            framed(ctx, req, { title: `${project.name} settings`, sidebar, breadcrumbs, body }),
          );
        }

        const context = surfaceContext(ctx.host, ctx.localSite, module, account, {
          project: { id: project.id, key: project.key, type: 'software' },
        });
        const config: SurfaceConfig = {
          context: { ...context },
          invokePath: INVOKE_PATH,
          invokeBody: invokeBody(context, undefined),
          fetchProductPath: FETCH_PRODUCT_PATH,
        };
        const notAdmin = account.admin
          ? ''
          : sectionMessage(
              'warning',
              'Only project admins see this page in Jira',
              html`<p>
                You are acting as ${account.displayName}, who does not administer ${project.name}. The sandbox
                still shows the page so you can check that the app's resolvers refuse this account.
              </p>`,
            );
        const frame = customUiBuilt(module.resourcePath)
          ? html`<script type="application/json" id="forge-surface">
                ${jsonForScript(config)}
              </script>
              <script src="${ASSET_PREFIX}/custom-ui-host.js"></script>
              <iframe
                class="custom-ui"
                data-forge-frame
                src="${customUiPath(module.resourceKey)}"
                title="${module.title}"
              ></iframe>`
          : sectionMessage(
              'warning',
              'The settings page has not been built',
              html`<p>
                Custom UI is served from <code>${module.resourcePath}</code>, which has no
                <code>index.html</code>. Run <code>npm run build:ui</code> and reload.
              </p>`,
            );
        const body = html`<div class="issue-header">
            ${APP_ICON}
            <h1 class="page-title" style="margin:0">${module.title}</h1>
          </div>
          <p class="page-lead">Project settings for ${project.name}, served by the app (Custom UI).</p>
          ${notAdmin}${frame}`;
        sendHtml(
          res,
          200,
          framed(ctx, req, { title: `${module.title} · ${project.name}`, sidebar, breadcrumbs, body }),
        );
      },
    },
  ];
}
