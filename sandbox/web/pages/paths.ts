/** The pages' URLs in one place, so links and routes cannot drift apart. */
const enc = encodeURIComponent;

export const settingsPath = (projectKey: string): string => `/projects/${enc(projectKey)}/settings`;
export const issueViewPath = (issueKey: string): string => `/issues/${enc(issueKey)}`;
export const plainListPath = (site: string): string => `/sites/${enc(site)}/view`;
export const plainIssuePath = (site: string, issueKey: string): string =>
  `${plainListPath(site)}/${enc(issueKey)}`;
export const customUiPath = (resourceKey: string, file = ''): string =>
  `/_sandbox/web/custom-ui/${enc(resourceKey)}/${file}`;
export const uiKitPath = (instanceId: string): string => `/_sandbox/web/uikit/${enc(instanceId)}`;
export const FETCH_PRODUCT_PATH = '/_sandbox/web/bridge/fetch-product';
export const INVOKE_PATH = '/_sandbox/api/invoke';

/** Path segments in routes: a project or issue key, a site name. */
export const KEY = '([A-Za-z][A-Za-z0-9_]*(?:-[0-9]+)?)';
export const SITE = '([A-Za-z0-9_.-]+)';
