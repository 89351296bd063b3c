/**
 * Serves web triggers at `/x1/<id>` (and `/x/<id>`): builds Forge's request shape (headers and query parameters
 * as string arrays, the body as a string; @forge/api out/webTrigger.d.ts `WebTriggerRequest`), runs the module's
 * function with the 55 s limit, and writes back its `{ statusCode, headers, body }`.
 * A thrown error answers 500 and a time-out 504, so a sender sees a server fault and may retry.
 */
import { z } from 'zod';
import { describeError, type FunctionRunner } from './function-runner';
import { headerLists, sendJson, type RouteHandler } from './http/http-types';
import { limitMsFor } from './limits';
import type { FunctionDef, WebtriggerModule } from './manifest';
import type { WebtriggerUrls } from './webtrigger-urls';

const WEBTRIGGER_PATH = /^\/x1?\/([^/]+)(\/.*)?$/;

const ResponseSchema = z.looseObject({
  statusCode: z.number().int().min(100).max(599),
  statusText: z.string().optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
});

/**
 * Forge documents a web trigger's response body as a string and nothing more (runtime-reference/web-trigger and
 * events-reference/web-trigger, "Response": "body | string | HTTP response body sent back to the caller"; a
 * result not of that JSON shape is a 500): no byte encoding for it and no binary or base64 flag, so a Lambda-style
 * `isBase64Encoded` in a response is an unknown property here as it is there, and the body is written as the
 * string it is. `utf8`, the default, is what a JSON or text body needs and what Node writes a string as.
 * `latin1` writes one byte per character (U+0000–U+00FF), the only reading under which a string can carry
 * arbitrary bytes, which the analytics export's Parquet files assume (src/entry/webtriggers/webtrigger-http.ts
 * `byteBody`; its `wire-check.bin` tells the two apart on a deployed app). Neither is documented; the choice is
 * the sandbox's, made explicit so no test passes by accident.
 */
export type WebtriggerBodyEncoding = 'utf8' | 'latin1';

export interface WebtriggerRouteDeps {
  urls: WebtriggerUrls;
  modules: readonly WebtriggerModule[];
  functions: ReadonlyMap<string, FunctionDef>;
  runner: FunctionRunner;
  cloudId: string;
  contextArg: () => Record<string, unknown>;
  bodyEncoding: WebtriggerBodyEncoding;
}

function queryLists(url: URL): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const key of new Set(url.searchParams.keys())) lists[key] = url.searchParams.getAll(key);
  return lists;
}

export function webtriggerRoute(deps: WebtriggerRouteDeps): RouteHandler {
  return async (req, res) => {
    const match = WEBTRIGGER_PATH.exec(req.url.pathname);
    const id = match?.[1];
    if (id === undefined) return false;
    const moduleKey = deps.urls.moduleFor(id);
    const module = deps.modules.find((m) => m.key === moduleKey);
    const fn = module ? deps.functions.get(module.function) : undefined;
    if (!module || !fn) {
      sendJson(res, 404, { error: 'No web trigger at this URL.' });
      return true;
    }
    const request = {
      method: req.method,
      path: req.url.pathname,
      userPath: match?.[2] ?? '',
      headers: headerLists(req.headers),
      queryParameters: queryLists(req.url),
      body: req.body?.toString('utf8') ?? '',
      context: { cloudId: deps.cloudId, moduleKey: module.key },
      contextToken: 'sandbox-context-token',
    };
    const result = await deps.runner.run({
      spec: {
        functionKey: module.function,
        moduleKey: module.key,
        moduleKind: 'webtrigger',
        moduleType: 'core:webtrigger',
        limitMs: limitMsFor('webtrigger', fn.timeoutSeconds),
      },
      handler: fn.handler,
      payload: request,
      context: deps.contextArg(),
    });
    if (result.outcome === 'timeout') {
      sendJson(res, 504, { error: 'The web trigger function timed out.' });
      return true;
    }
    if (result.outcome === 'error') {
      sendJson(res, 500, { error: `The web trigger function failed: ${describeError(result.error)}` });
      return true;
    }
    const response = ResponseSchema.safeParse(result.value);
    if (!response.success) {
      // A dynamic web trigger must answer with a response; a static one has its answer in the manifest.
      if (module.dynamic)
        sendJson(res, 500, { error: 'The web trigger function returned no valid response.' });
      else sendJson(res, 200, {});
      return true;
    }
    const { statusCode, statusText, body, headers = {} } = response.data;
    for (const [name, values] of Object.entries(headers)) res.setHeader(name, values);
    res.statusCode = statusCode;
    if (statusText !== undefined) res.statusMessage = statusText;
    res.end(Buffer.from(body ?? '', deps.bodyEncoding));
    return true;
  };
}
