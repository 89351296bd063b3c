/**
 * `requestJira` from a UI (@forge/bridge out/fetch/fetch.js `productFetchApi`): the bridge sends
 * `fetchProduct` with `{ product, restPath, fetchRequestInit: { method, headers: [name, value][], body } }` and
 * builds a Response from `{ body, headers, status, statusText, isAttachment }`. In the product this runs as the
 * viewing user against the current site; here it runs as the acting account against the local site.
 */
import { z } from 'zod';
import type { Account } from '../accounts';
import type { JiraClient } from '../jira/jira-client';

export const FetchProductPayloadSchema = z.looseObject({
  product: z.string(),
  restPath: z.string().startsWith('/'),
  fetchRequestInit: z
    .looseObject({
      method: z.string().optional(),
      headers: z.array(z.tuple([z.string(), z.string()])).optional(),
      body: z.string().nullable().optional(),
    })
    .optional(),
  isMultipartFormData: z.boolean().optional(),
});
export type FetchProductPayload = z.infer<typeof FetchProductPayloadSchema>;

export interface FetchProductAnswer {
  body: string;
  headers: Record<string, string>;
  status: number;
  statusText: string;
  isAttachment: boolean;
}

/** Headers the page must not choose: identity and transport are the sandbox's. */
const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'host', 'content-length', 'connection']);
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

export async function fetchProduct(
  jira: JiraClient,
  site: string,
  account: Account,
  payload: FetchProductPayload,
): Promise<FetchProductAnswer> {
  if (payload.product !== 'jira') throw new Error(`requestJira only: the sandbox has no ${payload.product}`);
  if (payload.isMultipartFormData === true)
    throw new Error('multipart requests from the UI are not emulated by the sandbox');
  const [pathOnly, search = ''] = payload.restPath.split('?', 2);
  if (pathOnly === undefined || !pathOnly.startsWith('/rest/'))
    throw new Error(`not a REST path: ${payload.restPath}`);
  const method = (payload.fetchRequestInit?.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new Error(`method ${method} is not supported`);
  const headers: Record<string, string> = {};
  for (const [name, value] of payload.fetchRequestInit?.headers ?? []) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  const body = payload.fetchRequestInit?.body;
  const answer = await jira.send(site, account, pathOnly, {
    method: method === 'POST' || method === 'PUT' || method === 'DELETE' ? method : 'GET',
    query: Object.fromEntries(new URLSearchParams(search)),
    headers,
    ...(body !== undefined && body !== null && method !== 'GET' ? { bodyText: body } : {}),
  });
  const responseHeaders: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  return {
    body: answer.text,
    headers: responseHeaders,
    status: answer.status,
    statusText: '',
    isAttachment: false,
  };
}
