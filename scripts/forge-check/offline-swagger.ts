/**
 * @forge/lint's permission rules look API paths up in Atlassian's OpenAPI documents, which it downloads
 * from developer.atlassian.com unless USE_LOCAL_SWAGGER=1 and all six LOCAL_*_SWAGGER variables name files
 * (permission-linter.js, bootstrap). Offline, they name the specs in ../shared/contracts/jira and empty
 * stand-ins for the products Tandem never calls (Service Management, Confluence, Bitbucket).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, TOOLS_DIR } from './forge-tools';

export const CONTRACTS_JIRA = path.resolve(REPO_ROOT, '..', 'shared', 'contracts', 'jira');

/** Sets the linter's LOCAL_*_SWAGGER variables for this process. */
export function useOfflineSwagger(): void {
  const dir = path.join(TOOLS_DIR, 'swagger');
  mkdirSync(dir, { recursive: true });

  // The Software spec's server is the site root and its devinfo, builds, deployments, feature flags and
  // remote links paths leave out the `/rest` that the calls carry (`/rest/devinfo/0.10/bulk`), while its
  // agile paths keep it. The linter matches the path the app calls, so the copy gives them the prefix.
  const software = JSON.parse(
    readFileSync(path.join(CONTRACTS_JIRA, 'software-openapi-v3.json'), 'utf8'),
  ) as {
    paths: Record<string, unknown>;
  };
  const prefixed = Object.fromEntries(
    Object.entries(software.paths).map(([p, operations]) => [
      p.startsWith('/rest/') ? p : `/rest${p}`,
      operations,
    ]),
  );
  const softwareCopy = path.join(dir, 'jira-software.json');
  writeFileSync(softwareCopy, JSON.stringify({ ...software, paths: prefixed }));

  const empty = path.join(dir, 'empty.json');
  writeFileSync(empty, JSON.stringify({ paths: {} }));

  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(CONTRACTS_JIRA, 'platform-openapi-v3.json'),
    LOCAL_JSW_SWAGGER: softwareCopy,
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
}
