/**
 * GitHub's own OpenAPI description (npm @octokit/openapi), for the contract tests. The package is ~29 MB
 * packed, so it is not a dependency: the first run fetches it with `npm pack`, extracts only
 * `generated/api.github.com.json` into node_modules/.cache (ignored by git), and later runs read that.
 * The document is cut down to the paths the connector uses and two known incompatibilities with ajv are
 * patched: `nullable: true` beside `allOf`/`anyOf` without a `type` (refused by ajv) becomes
 * `anyOf [.., null]`, and a nullable `enum` lists null (real answers carry `state_reason: null`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Document, OpenAPIBackend } from 'openapi-backend';
import { loadAjvFormats, loadOpenApiBackend } from '../../../sandbox/jira/contract/native-require';

export const OPENAPI_VERSION = '23.0.2';
const CACHE_DIR = path.join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'tandem-contracts');
const CACHED = path.join(CACHE_DIR, `octokit-openapi-${OPENAPI_VERSION}-api.github.com.json`);

export const USED_PATHS = [
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}',
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/issues/comments/{comment_id}',
  '/repos/{owner}/{repo}/milestones',
  '/repos/{owner}/{repo}/issues/{issue_number}/parent',
  '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues',
  '/repos/{owner}/{repo}/issues/{issue_number}/sub_issue',
];

function fetchSpec(): string {
  if (existsSync(CACHED)) return CACHED;
  mkdirSync(CACHE_DIR, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'octokit-openapi-'));
  try {
    const out = execFileSync('npm', ['pack', `@octokit/openapi@${OPENAPI_VERSION}`, '--silent'], {
      cwd: work,
      encoding: 'utf8',
    });
    const tarball = out.trim().split('\n').pop() ?? '';
    execFileSync('tar', ['-xzf', tarball, 'package/generated/api.github.com.json'], { cwd: work });
    renameSync(path.join(work, 'package', 'generated', 'api.github.com.json'), CACHED);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return CACHED;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function patchNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(patchNullable);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) out[k] = patchNullable(v);
  // GitHub answers `state_reason: null`, but ajv checks an enum before `nullable`: null must be listed.
  const values: unknown = out.enum;
  if (out.nullable === true && Array.isArray(values) && !values.includes(null)) {
    const list: unknown[] = values;
    out.enum = [...list, null];
  }
  if (out.nullable === true && out.type === undefined) {
    const rest = Object.fromEntries(Object.entries(out).filter(([k]) => k !== 'nullable'));
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

function isDocument(v: unknown): v is Document {
  return isObj(v) && typeof v.openapi === 'string' && isObj(v.paths) && isObj(v.info);
}

export async function githubApi(): Promise<OpenAPIBackend> {
  const parsed: unknown = JSON.parse(readFileSync(fetchSpec(), 'utf8'));
  if (!isObj(parsed) || !isObj(parsed.paths)) throw new Error('not GitHub’s OpenAPI document');
  const paths = parsed.paths;
  const definition = patchNullable({
    ...parsed,
    paths: Object.fromEntries(USED_PATHS.map((p) => [p, paths[p]])),
  });
  if (!isDocument(definition)) throw new Error('not an OpenAPI document after patching');
  const { OpenAPIBackend } = loadOpenApiBackend();
  const addFormats = loadAjvFormats();
  const api = new OpenAPIBackend({
    definition,
    quick: true,
    ajvOpts: { ownProperties: true, validateSchema: false, code: { optimize: false } },
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  });
  await api.init();
  return api;
}
