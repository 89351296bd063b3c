/**
 * Scope check for the Jira calls the linter cannot see (issue 12, item 2). The Jira connector computes its
 * paths and the transport passes them through `assumeTrustedRoute`, so @forge/lint's source scan finds no
 * `route` literal to check. src/platform/jira/jira-endpoints.ts lists every such call (the transport
 * refuses others, and test/platform/jira-endpoints.test.ts fails on a call the table lacks); this hands
 * each method and path to the linter's own Jira permission verifier against manifest.yml's scopes, so a
 * call that needs a scope the manifest lacks fails as `forge lint` would fail on a literal.
 *
 * An entry must be one the linter can check: its path and method must be in the Jira specs the linter
 * reads, and the spec must name a scope for it, unless the table names the documented scopes itself
 * (documentedScopes), which are then looked up in the manifest here.
 */
import { JIRA_ENDPOINTS } from '../../src/platform/jira/jira-endpoints';
import { forgeModule, RecordingLogger, type ForgeLogger } from './forge-tools';
import { useOfflineSwagger } from './offline-swagger';

/** A ProductApiCall of @forge/lint (permission-linter/api-call-interface.d.ts). */
interface ProductApiCall {
  type: number;
  product: 'jira';
  path: string;
  method: string;
  line: number;
  column: number;
  regex?: RegExp;
}
interface ProductVerifier {
  lookupApiCall(call: ProductApiCall): (ProductApiCall & { regex: RegExp }) | undefined;
  getRequiredScopes(call: ProductApiCall): string[];
  process(calls: ProductApiCall[]): Promise<{ message: string }[]>;
  pathMap: Map<RegExp, { originalPath: string; methods: Record<string, unknown> }>;
}
interface PermissionLinterModule {
  PermissionLinter: new (
    environment: string,
    manifest: unknown,
    logger: ForgeLogger,
  ) => {
    bootstrap(): Promise<void>;
    verifiers: { jira: ProductVerifier };
  };
}
interface ApiCallInterface {
  ApiCallTypes: { PRODUCT: number };
}
interface CliShared {
  ConfigFile: new (
    reader: unknown,
    writer: unknown,
  ) => {
    readConfig(): Promise<{ permissions?: { scopes?: unknown } }>;
  };
  FileSystemReader: new () => unknown;
  FileSystemWriter: new () => unknown;
}
interface ForgeManifest {
  getMissingScopes: (existing: unknown, required: { current: readonly string[] }) => Promise<string[]>;
}

export interface ScopeReport {
  problems: string[];
  checked: number;
}

const LINTER = '@forge/lint/out/lint/linters/permission-linter';

export async function checkJiraScopes(): Promise<ScopeReport> {
  useOfflineSwagger();
  const shared = forgeModule<CliShared>('@forge/cli-shared');
  const { PermissionLinter } = forgeModule<PermissionLinterModule>(`${LINTER}/permission-linter`);
  const { ApiCallTypes } = forgeModule<ApiCallInterface>(`${LINTER}/api-call-interface`);
  const { getMissingScopes } = forgeModule<ForgeManifest>('@forge/manifest');

  const manifest = await new shared.ConfigFile(
    new shared.FileSystemReader(),
    new shared.FileSystemWriter(),
  ).readConfig();
  const linter = new PermissionLinter('production', manifest, new RecordingLogger('[scopes]'));
  await linter.bootstrap();
  const verifier = linter.verifiers.jira;

  const problems: string[] = [];
  for (const endpoint of JIRA_ENDPOINTS) {
    const name = `${endpoint.method} ${endpoint.path}`;
    // A path as the app sends it: each template parameter is one segment.
    const call: ProductApiCall = {
      type: ApiCallTypes.PRODUCT,
      product: 'jira',
      path: endpoint.path.replace(/\{[^}]+\}/g, '10001'),
      method: endpoint.method,
      line: 0,
      column: 0,
    };
    const match = verifier.lookupApiCall(call);
    const operation = match && verifier.pathMap.get(match.regex);
    if (!match || !operation) {
      problems.push(`${name}: no path of the linter's Jira specs matches it, so its scope is unchecked`);
      continue;
    }
    if (operation.originalPath !== endpoint.path) {
      problems.push(`${name}: the linter takes it for ${operation.originalPath}; write the spec's template`);
      continue;
    }
    if (!(match.method in operation.methods)) {
      problems.push(`${name}: the spec has no ${endpoint.method} on this path`);
      continue;
    }
    const specScopes = verifier.getRequiredScopes(match);
    if (specScopes.length === 0 && !endpoint.documentedScopes) {
      problems.push(`${name}: the spec names no scope for it; give the table the documented scopes`);
    }
    if (specScopes.length > 0 && endpoint.documentedScopes) {
      problems.push(
        `${name}: the spec names ${specScopes.join(', ')}; drop documentedScopes so the linter's answer counts`,
      );
    }
    for (const rule of await verifier.process([call])) problems.push(`${name}: ${rule.message}`);
    if (endpoint.documentedScopes) {
      const missing = await getMissingScopes(manifest.permissions?.scopes, {
        current: endpoint.documentedScopes,
      });
      for (const scope of missing) problems.push(`${name}: manifest.yml lacks the documented scope ${scope}`);
    }
  }
  return { problems, checked: JIRA_ENDPOINTS.length };
}
