import { attachmentRoutes } from './api/attachments';
import { changelogRoutes } from './api/changelog';
import { commentRoutes } from './api/comments';
import { devInfoRoutes } from './api/devinfo';
import { entityPropertyRoutes } from './api/entity-properties';
import { issueLinkRoutes } from './api/issue-links';
import { issueRoutes } from './api/issues';
import { metaRoutes } from './api/meta';
import { permissionRoutes } from './api/permissions';
import { remoteLinkRoutes } from './api/remote-links';
import { searchRoutes } from './api/search';
import { userRoutes } from './api/users';
import { Router } from './http/router';

/** Every endpoint the emulator serves, one module per area. */
export function createRouter(): Router {
  return new Router([
    ...metaRoutes,
    ...userRoutes,
    ...issueRoutes,
    ...searchRoutes,
    ...commentRoutes,
    ...entityPropertyRoutes,
    ...attachmentRoutes,
    ...issueLinkRoutes,
    ...remoteLinkRoutes,
    ...changelogRoutes,
    ...permissionRoutes,
    ...devInfoRoutes,
  ]);
}
