/**
 * The `{ type: 'fpp', remote: 'stargate' }` target: Atlassian's API gateway as @forge/* packages use it.
 * - Queue: @forge/events posts to `/webhook/queue/{publish|stats|cancel}/{contextAri}/{environmentId}/{appId}/{appVersion}`
 *   with the placeholders left in (out/queries.js PUSH_PATH); Forge's proxy fills them, so the host ignores them.
 * - GraphQL: @forge/api's webTrigger posts `createWebTriggerUrl`, `deleteWebTriggerUrl` and
 *   `webTriggerUrlsByAppContext` operations to `/graphql` (out/webTrigger.js) and reads `data.<field>`.
 * Anything else answers a GraphQL error or 404, so an unemulated call fails loudly.
 */
import { z } from 'zod';
import type { PlatformReply } from './push-rules';
import type { SandboxQueue } from './queue';
import type { WebtriggerUrls } from './webtrigger-urls';

const QUEUE_PATH = /^\/webhook\/queue\/(publish|stats|cancel)\//;

const GraphqlSchema = z.looseObject({
  query: z.string(),
  variables: z.record(z.string(), z.unknown()).optional(),
});
const CreateVariables = z.looseObject({
  input: z.looseObject({ triggerKey: z.string() }),
  forceCreate: z.boolean().optional(),
});
const DeleteVariables = z.looseObject({ id: z.string() });

export type StargateKind = 'queue' | 'graphql' | 'other';

export interface StargateDeps {
  queue: SandboxQueue;
  webtriggers: WebtriggerUrls;
  webtriggerModules: ReadonlySet<string>;
}

const graphqlError = (message: string): PlatformReply => ({
  status: 200,
  body: { data: null, errors: [{ message }] },
});

export function stargateKind(path: string): StargateKind {
  if (QUEUE_PATH.test(path)) return 'queue';
  return path === '/graphql' ? 'graphql' : 'other';
}

export function handleStargate(
  deps: StargateDeps,
  method: string,
  path: string,
  body: unknown,
): PlatformReply {
  const queueOp = QUEUE_PATH.exec(path)?.[1];
  if (method !== 'POST') return { status: 405, body: { message: `${method} is not allowed on ${path}` } };
  switch (queueOp) {
    case 'publish':
      return deps.queue.publish(body);
    case 'stats':
      return deps.queue.stats(body);
    case 'cancel':
      return deps.queue.cancel(body);
  }
  if (path === '/graphql') return handleGraphql(deps, body);
  return {
    status: 404,
    body: { message: `The sandbox does not emulate ${method} ${path} on the Atlassian gateway.` },
  };
}

function handleGraphql(deps: StargateDeps, body: unknown): PlatformReply {
  const request = GraphqlSchema.safeParse(body);
  if (!request.success)
    return { status: 400, body: { errors: [{ message: 'Expected { query, variables }' }] } };
  const { query, variables = {} } = request.data;

  if (query.includes('createWebTriggerUrl')) {
    const vars = CreateVariables.safeParse(variables);
    if (!vars.success) return graphqlError(z.prettifyError(vars.error));
    const key = vars.data.input.triggerKey;
    if (!deps.webtriggerModules.has(key))
      return graphqlError(`No webtrigger module '${key}' in the manifest.`);
    return {
      status: 200,
      body: {
        data: { createWebTriggerUrl: { url: deps.webtriggers.getUrl(key, vars.data.forceCreate ?? false) } },
      },
    };
  }
  if (query.includes('deleteWebTriggerUrl')) {
    const vars = DeleteVariables.safeParse(variables);
    if (!vars.success) return graphqlError(z.prettifyError(vars.error));
    const success = deps.webtriggers.delete(vars.data.id);
    return {
      status: 200,
      body: {
        data: {
          deleteWebTriggerUrl: {
            success,
            message: success ? 'deleted' : `No web trigger URL with id ${vars.data.id}`,
          },
        },
      },
    };
  }
  if (query.includes('webTriggerUrlsByAppContext')) {
    const urls = deps.webtriggers.list().map((u) => ({ triggerKey: u.moduleKey, url: u.url }));
    return { status: 200, body: { data: { webTriggerUrlsByAppContext: urls } } };
  }
  return graphqlError(
    'The sandbox emulates only the web trigger URL operations of the Atlassian GraphQL gateway.',
  );
}
