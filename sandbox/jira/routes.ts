import { adminWebhookRoutes } from './api/admin-webhooks';
import { attachmentRoutes } from './api/attachments';
import { changelogRoutes } from './api/changelog';
import { commentRoutes } from './api/comments';
import { devInfoRoutes } from './api/devinfo';
import { entityPropertyRoutes } from './api/entity-properties';
import { issueLinkRoutes } from './api/issue-links';
import { issueRoutes } from './api/issues';
import { metaRoutes } from './api/meta';
import { fieldMetaRoutes } from './api/field-meta';
import { projectItemRoutes } from './api/project-items';
import { permissionRoutes } from './api/permissions';
import { remoteLinkRoutes } from './api/remote-links';
import { dataCenterRoutes } from './api/data-center';
import { searchRoutes } from './api/search';
import { bulkCreateRoutes } from './api/bulk-create';
import { bulkFetchRoutes } from './api/bulk-fetch';
import { userRoutes } from './api/users';
import { workflowRoutes } from './api/workflows';
import { worklogRoutes } from './api/worklogs';
import { Router, type Route } from './http/router';

/** Cloud operations a Data Center site does not have under v2, or has in another shape. */
const CLOUD_ONLY = new Set([
  '/rest/api/3/search/jql',
  '/rest/api/3/attachment/content/{id}',
  // Bulk get workflows is Cloud's; Data Center reads workflows another way (not emulated).
  '/rest/api/3/workflows',
]);

/** Every endpoint the emulator serves, one module per area; Data Center gets Cloud's under `/rest/api/2`. */
export function createRouter(): Router {
  const cloud = cloudRoutes();
  const v2 = cloud
    .filter((r) => r.pattern.startsWith('/rest/api/3/') && !CLOUD_ONLY.has(r.pattern))
    .filter((r) => !userRoutes.includes(r))
    .map(
      (r): Route => ({
        ...r,
        pattern: r.pattern.replace('/rest/api/3/', '/rest/api/2/'),
        flavor: 'data-center',
      }),
    );
  return new Router([...cloud, ...v2, ...dataCenterRoutes]);
}

function cloudRoutes(): Route[] {
  return [
    ...metaRoutes,
    ...fieldMetaRoutes,
    ...projectItemRoutes,
    ...userRoutes,
    ...issueRoutes,
    ...workflowRoutes,
    ...searchRoutes,
    ...bulkFetchRoutes,
    ...bulkCreateRoutes,
    ...commentRoutes,
    ...worklogRoutes,
    ...entityPropertyRoutes,
    ...attachmentRoutes,
    ...issueLinkRoutes,
    ...remoteLinkRoutes,
    ...changelogRoutes,
    ...permissionRoutes,
    ...adminWebhookRoutes,
    ...devInfoRoutes,
  ];
}
