/**
 * The Jira emulator's REST API at `/sites/<site>/rest/...`, for people and clients other than the app (the app
 * reaches the local site through `requestJira`): basic auth `email:apiToken`, exactly like sandbox/jira/serve.ts.
 * Duplicated here because serve.ts owns its server and does not export its request handler.
 */
import type { JiraEmulator } from '../../jira';
import { queryOf } from '../fetch-shapes';
import { headerStrings, sendJson, type RouteHandler } from './http-types';

const SITE_PATH = /^\/sites\/([^/]+)(\/rest\/.*)$/;

export function jiraMount(emulator: JiraEmulator, onWrite: () => void): RouteHandler {
  return async (req, res) => {
    const match = SITE_PATH.exec(req.url.pathname);
    const encodedSite = match?.[1];
    const path = match?.[2];
    if (encodedSite === undefined || path === undefined) return false;
    const site = decodeURIComponent(encodedSite);
    const headers = headerStrings(req.headers);
    const identity = emulator.identityFromBasicAuth(site, headers.authorization);
    if (!identity) {
      sendJson(
        res,
        401,
        { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} },
        {
          'www-authenticate': 'Basic realm="sandbox"',
        },
      );
      return true;
    }
    const answer = await emulator.handle(
      { site, method: req.method, path, query: queryOf(req.url), headers, body: req.body },
      identity,
    );
    if (req.method !== 'GET') onWrite();
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
    return true;
  };
}
