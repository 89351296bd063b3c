/**
 * A Gropius API for tests and the sandbox: the real schema (`../shared/contracts/gropius/gropius.graphqls`,
 * never copied here) made executable with `@graphql-tools/schema` over an in-memory store, on 127.0.0.1.
 *
 * Every request is validated against that schema before it runs, so a query the real Gropius would reject
 * is rejected here too. Authentication follows Gropius' public API (ccims/gropius-backend,
 * `api-public/.../GropiusGraphQLContextFactory.kt`): `Authorization: Bearer <token>`; no header or an
 * unknown token is refused with HTTP 403 before any resolver runs. GraphQL errors come back with 200 and
 * an `errors` list, as graphql-kotlin answers them.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { gropiusResolvers } from './gropius-resolvers';
import type { GropiusStore } from './gropius-store';

export function gropiusSchemaPath(): string {
  return (
    process.env.TANDEM_GROPIUS_SCHEMA ??
    join(__dirname, '..', '..', '..', 'shared', 'contracts', 'gropius', 'gropius.graphqls')
  );
}

let cached: GraphQLSchema | undefined;
export function gropiusSchema(): GraphQLSchema {
  cached ??= makeExecutableSchema({
    typeDefs: readFileSync(gropiusSchemaPath(), 'utf8'),
    resolvers: gropiusResolvers(),
  });
  return cached;
}

const RequestSchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

/** A request answered with GraphQL errors; `invalid` when the schema's validation refused it before it ran. */
export interface Rejection {
  operation: string;
  messages: string[];
  invalid?: boolean;
}

export interface GropiusServer {
  url: string;
  /** The GraphQL endpoint, as a connection's API URL names it. */
  endpoint: string;
  store: GropiusStore;
  /** Every operation the server ran, by name, for tests that count calls. */
  operations: string[];
  /** Requests answered with GraphQL errors (invalid against the schema, or refused): tests expect none. */
  rejected: Rejection[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function answerGraphql(
  store: GropiusStore,
  authorization: string | undefined,
  rawBody: string,
  operations: string[] = [],
  rejected: Rejection[] = [],
): Promise<{ status: number; body: unknown }> {
  if (!authorization) return { status: 403, body: { message: 'No authentication token provided' } };
  const token = authorization.replace(/^Bearer /i, '');
  const userId = store.tokens.get(token);
  if (userId === undefined) return { status: 403, body: { message: 'Invalid jwt' } };
  let request: z.infer<typeof RequestSchema>;
  try {
    request = RequestSchema.parse(JSON.parse(rawBody));
  } catch {
    return { status: 400, body: { errors: [{ message: 'a GraphQL request is JSON with a "query"' }] } };
  }
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (err) {
    return { status: 200, body: { errors: [{ message: (err as GraphQLError).message }] } };
  }
  const schema = gropiusSchema();
  const problems = validate(schema, document);
  const operation =
    request.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(request.query)?.[1] ?? '(anonymous)';
  if (problems.length > 0) {
    rejected.push({ operation, messages: problems.map((p) => p.message), invalid: true });
    return { status: 200, body: { errors: problems.map((p) => p.toJSON()) } };
  }
  operations.push(operation);
  const result = await execute({
    schema,
    document,
    variableValues: request.variables ?? {},
    operationName: request.operationName ?? null,
    contextValue: { store, userId },
  });
  if (result.errors?.length) rejected.push({ operation, messages: result.errors.map((e) => e.message) });
  return { status: 200, body: result };
}

export function startGropiusServer(store: GropiusStore, port = 0): Promise<GropiusServer> {
  const operations: string[] = [];
  const rejected: Rejection[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/graphql') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"POST /graphql"}');
        return;
      }
      const answer = await answerGraphql(
        store,
        req.headers.authorization,
        await readBody(req),
        operations,
        rejected,
      );
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    })().catch((err: unknown) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: String(err) }));
    });
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
      resolve({
        url,
        endpoint: `${url}/graphql`,
        store,
        operations,
        rejected,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}
