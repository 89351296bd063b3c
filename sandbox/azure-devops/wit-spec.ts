/**
 * Microsoft's description of the work item tracking REST API, version 7.1 (Swagger 2.0,
 * ../shared/contracts/azure-devops/wit/workItemTracking.json), as a checker for the fake Azure DevOps:
 * it finds the operation a request is for, checks the request's parameters, content type and body, and
 * checks an answer's body, each against the description's own schemas (ajv).
 *
 * Where the description and the wire differ, the wire wins, and each place is named:
 * - Field values and JSON Patch values are .NET JTokens, written `type: object`; real answers carry strings
 *   and numbers there (httpExamples/workItems), so a schema that is only `type: object` accepts any JSON.
 * - Lists are `{count, value}` on the wire ("Azure DevOps REST API: response" / httpExamples/workItemsBatch),
 *   where the description writes a bare array: the checker validates `value` against the array's schema.
 * - `JsonPatchDocument` is written as an object whose `allOf` is an array of operations; the wire (and every
 *   PATCH in httpExamples/workItems) sends the array, so the document is checked as that array.
 * - `GET …/comments` is described only as "Get Comments Batch", with `ids` required; the same URL without
 *   `ids` is "Comments - Get Comments" (learn.microsoft.com/rest/api/azure/devops/wit/comments/get-comments),
 *   so `ids` is optional there.
 * - WIQL's `{project}` and `{team}` segments are optional ("Wiql - Query By Wiql": "project: Project ID or
 *   project name", "team: Team ID or team name", neither required), so `…/{project}/_apis/wit/wiql` is the
 *   same operation.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function witContractsDir(): string {
  return (
    process.env.TANDEM_ADO_CONTRACTS_DIR ??
    join(__dirname, '..', '..', '..', 'shared', 'contracts', 'azure-devops', 'wit')
  );
}

export interface WitOperation {
  id: string;
  method: string;
  template: string;
  params: Record<string, string>;
}

interface Route {
  id: string;
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  op: Obj;
}

function loadSpec(): Obj {
  const text = readFileSync(join(witContractsDir(), 'workItemTracking.json'), 'utf8').replace(/^\uFEFF/, '');
  const parsed: unknown = JSON.parse(text);
  if (!isObj(parsed) || !isObj(parsed.paths) || !isObj(parsed.definitions))
    throw new Error('not the work item tracking description');
  return parsed;
}

/** A schema that says only `type: object` (a JToken) accepts any JSON value. */
function loosenJTokens(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(loosenJTokens);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) out[k] = loosenJTokens(v);
  const shaped = ['properties', 'additionalProperties', 'allOf', '$ref', 'items'].some((k) => k in out);
  if (out.type === 'object' && !shaped) delete out.type;
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function routeOf(method: string, template: string, op: Obj): Route {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((seg) =>
      seg.replace(/\{([^}]+)\}|[^{}]+/g, (part, name?: string) => {
        if (name === undefined) return escape(part);
        names.push(name);
        return '([^/]+)';
      }),
    )
    .join('/');
  return { id: String(op.operationId), method, template, pattern: new RegExp(`^${source}$`, 'i'), names, op };
}

export class WitSpec {
  private readonly routes: Route[] = [];
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly globals: Obj;

  constructor() {
    const spec = loadSpec();
    this.globals = isObj(spec.parameters) ? spec.parameters : {};
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'double', 'float', 'Stream', 'byte', 'binary'])
      this.ajv.addFormat(f, true);
    const definitions = spec.definitions as Obj;
    definitions.JsonPatchDocument = { type: 'array', items: { $ref: '#/definitions/JsonPatchOperation' } };
    this.ajv.addSchema({ $id: 'wit', definitions: loosenJTokens(definitions) });
    const paths = spec.paths as Record<string, Obj>;
    for (const [template, ops] of Object.entries(paths))
      for (const [method, op] of Object.entries(ops))
        if (isObj(op)) {
          this.routes.push(routeOf(method.toUpperCase(), template, op));
          if (template.endsWith('/{project}/{team}/_apis/wit/wiql'))
            this.routes.push(routeOf(method.toUpperCase(), template.replace('/{team}', ''), op));
        }
  }

  /** The operation a request is for, or undefined when the description has none. */
  match(method: string, path: string): WitOperation | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.pattern.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      return { id: r.id, method, template: r.template, params };
    }
    return undefined;
  }

  private route(op: WitOperation): Route {
    const r = this.routes.find((x) => x.id === op.id && x.template === op.template && x.method === op.method);
    if (!r) throw new Error(`no route ${op.id}`);
    return r;
  }

  private parameters(op: WitOperation): Obj[] {
    const list = this.route(op).op.parameters;
    return (Array.isArray(list) ? list : []).map((p: unknown) => {
      const ref = isObj(p) && typeof p.$ref === 'string' ? p.$ref.replace('#/parameters/', '') : undefined;
      const resolved = ref === undefined ? p : this.globals[ref];
      return isObj(resolved) ? resolved : {};
    });
  }

  /** The api-version this operation is described for: `7.1`, or a preview such as `7.1-preview.4`. */
  apiVersion(op: WitOperation): string {
    const p = this.parameters(op).find((x) => x.name === 'api-version');
    const text = typeof p?.description === 'string' ? p.description : '';
    return /set to '([^']+)'/.exec(text)?.[1] ?? '7.1';
  }

  private validator(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let v = this.cache.get(key);
    if (!v) {
      const rewritten: unknown = JSON.parse(key.replace(/"#\/definitions\//g, '"wit#/definitions/'));
      v = this.ajv.compile(isObj(rewritten) ? (loosenJTokens(rewritten) as Obj) : {});
      this.cache.set(key, v);
    }
    return v;
  }

  private check(schema: unknown, value: unknown, what: string): string[] {
    const v = this.validator(schema);
    if (v(value)) return [];
    return [`${what}: ${this.ajv.errorsText(v.errors, { dataVar: what }).slice(0, 600)}`];
  }

  /** What is wrong with a request for `op`, in the description's terms; empty when nothing is. */
  checkRequest(
    op: WitOperation,
    query: URLSearchParams,
    contentType: string | undefined,
    body: unknown,
  ): string[] {
    const problems: string[] = [];
    const route = this.route(op);
    for (const p of this.parameters(op)) {
      const name = String(p.name);
      if (p.in === 'query') {
        const value = query.get(name);
        const optional = op.id === 'Comments_Get Comments Batch' && name === 'ids';
        if (value === null) {
          if (p.required === true && !optional)
            problems.push(`${op.id}: query parameter ${name} is required`);
          continue;
        }
        if (p.type === 'integer' && !/^-?\d+$/.test(value))
          problems.push(`${op.id}: ${name} is not an integer`);
        if (p.type === 'boolean' && !/^(true|false)$/i.test(value))
          problems.push(`${op.id}: ${name} is not a boolean`);
      } else if (p.in === 'path') {
        const value = op.params[name];
        if (p.type === 'integer' && !/^\d+$/.test(value ?? ''))
          problems.push(`${op.id}: path ${name} is not an integer`);
      } else if (p.in === 'body') {
        if (body === undefined) {
          if (p.required === true) problems.push(`${op.id}: a body is required`);
        } else if (!(isObj(p.schema) && p.schema.format === 'Stream')) {
          problems.push(...this.check(p.schema, body, `${op.id} body`));
        }
      }
    }
    const known = new Set(
      this.parameters(op)
        .filter((p) => p.in === 'query')
        .map((p) => String(p.name)),
    );
    for (const name of query.keys())
      if (
        !known.has(name) &&
        !(op.id === 'Comments_Get Comments Batch' && ['order', 'continuationToken', '$top'].includes(name))
      )
        problems.push(`${op.id}: unknown query parameter ${name}`);
    const consumes = Array.isArray(route.op.consumes) ? route.op.consumes.map(String) : [];
    if (body !== undefined && consumes.length > 0) {
      const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!consumes.includes(media))
        problems.push(`${op.id}: content type ${media || '(none)'} is not ${consumes.join(' or ')}`);
    }
    return problems;
  }

  /** What is wrong with an answer's body; a described bare array is checked as the wire's `{count, value}`. */
  checkResponse(op: WitOperation, status: number, body: unknown): string[] {
    const responses = this.route(op).op.responses;
    const res = isObj(responses) ? responses[String(status)] : undefined;
    if (!isObj(res)) return status >= 400 ? [] : [`${op.id}: ${status} is not a described answer`];
    const schema = res.schema;
    if (!isObj(schema) || schema.format === 'Stream') return [];
    if (schema.type === 'array') {
      if (!isObj(body) || !Array.isArray(body.value) || typeof body.count !== 'number')
        return [`${op.id}: a list answer is {count, value}`];
      // `errorPolicy: omit` answers null where an id could not be read ("Work Items - Get Work Items Batch").
      const list: unknown[] = body.value;
      const items = op.id === 'Work Items_Get Work Items Batch' ? list.filter((v) => v !== null) : list;
      return this.check(schema, items, `${op.id} ${status} value`);
    }
    return this.check(schema, body, `${op.id} ${status}`);
  }
}
