import { readFileSync } from 'node:fs';
import type { Document, OpenAPIBackend, Operation } from 'openapi-backend';
import type { ErrorObject } from 'ajv';
import { loadAjvFormats, loadOpenApiBackend } from './native-require';
import { patchPlatformSpec, patchSoftwareSpec } from '../spec-overlay';
import { contractsDir } from './contracts-dir';

/**
 * Checks emulator traffic against Atlassian's OpenAPI documents (with the overlay's corrections) using
 * openapi-backend in quick mode. Loading and patching the 2.4 MB platform document takes ~200 ms, so one
 * validator is shared by every emulator in the process; operation schemas compile lazily on first use.
 */

export interface CheckedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, the raw text when it is not JSON, or `undefined` for non-JSON bodies. */
  readonly body: unknown;
}

export interface RequestCheck {
  readonly operationId: string | null;
  readonly errors: readonly string[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOpenApiDocument(value: JsonObject): value is JsonObject & Document {
  return typeof value.openapi === 'string' && isObject(value.paths) && isObject(value.info);
}

function loadDocument(file: string, patch: (spec: JsonObject) => void): Document {
  const parsed: unknown = JSON.parse(readFileSync(`${contractsDir()}/${file}`, 'utf8'));
  if (!isObject(parsed) || !isOpenApiDocument(parsed)) throw new Error(`${file} is not an OpenAPI document`);
  patch(parsed);
  return parsed;
}

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
  );
}

async function backend(definition: Document, apiRoot: string): Promise<OpenAPIBackend> {
  const { OpenAPIBackend } = loadOpenApiBackend();
  const addFormats = loadAjvFormats();
  const api = new OpenAPIBackend({
    definition,
    apiRoot,
    quick: true,
    // ownProperties: otherwise a missing `toString` property reads as Object.prototype.toString and fails
    // `type: string`. The rest halves compile time per operation: the document is Atlassian's and known to
    // compile, so checking it against the meta-schema and optimising the generated code buy nothing here.
    ajvOpts: { ownProperties: true, validateSchema: false, code: { optimize: false } },
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  await api.init();
  return api;
}

interface Surface {
  readonly prefix: string;
  readonly api: OpenAPIBackend;
}

export class ContractValidator {
  private constructor(private readonly surfaces: readonly Surface[]) {}

  static async create(): Promise<ContractValidator> {
    const [platform, software] = await Promise.all([
      backend(loadDocument('platform-openapi-v3.json', patchPlatformSpec), '/'),
      // The Software document's paths lack the `/rest` prefix Jira serves them under.
      backend(loadDocument('software-openapi-v3.json', patchSoftwareSpec), '/rest'),
    ]);
    return new ContractValidator([
      { prefix: '/rest/devinfo/', api: software },
      { prefix: '/rest/', api: platform },
    ]);
  }

  private surface(path: string): OpenAPIBackend | undefined {
    return this.surfaces.find((s) => path.startsWith(s.prefix))?.api;
  }

  private operation(api: OpenAPIBackend, req: CheckedRequest): Operation | undefined {
    return api.router.matchOperation({
      method: req.method.toLowerCase(),
      path: req.path,
      headers: { ...req.headers },
    });
  }

  checkRequest(req: CheckedRequest): RequestCheck {
    const api = this.surface(req.path);
    const operation = api && this.operation(api, req);
    if (!api || !operation?.operationId)
      return {
        operationId: null,
        errors: [`${req.method} ${req.path} is not an operation of the Jira REST API`],
      };
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.query)) query[k] = typeof v === 'string' ? v : [...v];
    const result = api.validateRequest(
      {
        method: req.method.toLowerCase(),
        path: req.path,
        headers: { ...req.headers },
        query,
        body: req.body,
      },
      operation,
    );
    return { operationId: operation.operationId, errors: describe(result.errors) };
  }

  /**
   * Validates a response body for its status. A 2xx status the operation does not declare is itself a
   * violation: openapi-backend would otherwise skip the body silently.
   */
  checkResponse(path: string, operationId: string, status: number, body: unknown): string[] {
    const api = this.surface(path);
    const operation = api?.router.getOperation(operationId);
    if (!api || !operation) return [];
    const declared = Object.keys(operation.responses ?? {});
    if (status < 300 && !declared.includes(String(status)) && !declared.includes('default')) {
      return [`status ${status} is not declared for ${operationId} (declared: ${declared.join(', ')})`];
    }
    return describe(api.validateResponse(body, operation, status).errors);
  }
}

let shared: Promise<ContractValidator> | undefined;

export function sharedContractValidator(): Promise<ContractValidator> {
  shared ??= ContractValidator.create().catch((err: unknown) => {
    // Do not cache a failed load: the next request retries (and reports) it.
    shared = undefined;
    throw err;
  });
  return shared;
}
