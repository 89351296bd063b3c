/**
 * The export's files over HTTP, as the web trigger serves them: `/<exportId>/<secret>/manifest.json` and
 * `/<exportId>/<secret>/<table>/<month>.parquet`, with HEAD, single byte ranges (206) and CORS for readers in
 * a browser (DuckDB-Wasm). Everything that is not a file of an enabled export under a secret it accepts now
 * (an unknown export, a wrong, missing or expired secret, an unknown path, another method) is the same 404
 * with the same body, so an answer says nothing about which part was wrong. The secret is compared in
 * constant time, against a stand-in when the export does not exist, so timing does not tell either.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { resolveRange } from './byte-range';
import type { ExportFile, ExportManifest } from './export-manifest';
import { WIRE_CHECK, WIRE_CHECK_BYTES } from './wire-check';

export interface ExportReader {
  /** The secrets that open the export now: the current one, and the previous one in its grace period. */
  acceptedSecrets(exportId: string): Promise<readonly string[]>;
  /** The manifest of an enabled export; undefined when it is off or does not exist. */
  manifest(exportId: string): Promise<ExportManifest | undefined>;
  /** Bytes `start` to `end` (inclusive) of one file of the manifest. */
  readBytes(exportId: string, file: ExportFile, start: number, end: number): Promise<Uint8Array>;
}

export interface ExportRequest {
  method: string;
  /** Path after the web trigger's id, as Forge passes it (`userPath`). */
  userPath: string;
  range: string | undefined;
}

export interface ExportAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** Exposed to scripts in a browser, so DuckDB-Wasm can read the size and range it was given. */
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
};

const NOT_FOUND: ExportAnswer = {
  status: 404,
  headers: { 'Content-Type': 'text/plain', ...CORS },
  body: 'Not found',
};

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
/** Compared against when the export has no secret, so a missing export costs what a wrong secret costs. */
const STAND_IN = digest('no export has this secret');

function secretAccepted(accepted: readonly string[], given: string): boolean {
  const g = digest(given);
  let ok = false;
  for (const secret of accepted.length > 0 ? accepted : [undefined]) {
    const match = timingSafeEqual(secret === undefined ? STAND_IN : digest(secret), g);
    if (match && secret !== undefined && secret !== '') ok = true;
  }
  return ok;
}

/**
 * JSON with every non-ASCII character escaped (`\u00e9`): the same bytes however the platform writes a body
 * string (webtrigger-http.ts `byteBody` says why that is unknown), and the same value to any JSON reader.
 */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const SEGMENT = /^[A-Za-z0-9._~-]{1,200}$/;

function split(userPath: string): { exportId: string; secret: string; rest: string } | undefined {
  const [exportId, secret, ...rest] = userPath.replace(/^\/+/, '').split('/');
  if (exportId === undefined || secret === undefined || rest.length === 0) return undefined;
  if (!SEGMENT.test(exportId) || !SEGMENT.test(secret)) return undefined;
  return { exportId, secret, rest: rest.join('/') };
}

export async function serveExport(reader: ExportReader, req: ExportRequest): Promise<ExportAnswer> {
  const method = req.method.toUpperCase();
  const parts = split(req.userPath);
  if (!parts) return NOT_FOUND;
  const accepted = await reader.acceptedSecrets(parts.exportId);
  if (!secretAccepted(accepted, parts.secret)) return NOT_FOUND;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') return NOT_FOUND;
  const manifest = await reader.manifest(parts.exportId);
  if (!manifest) return NOT_FOUND;

  if (parts.rest === 'manifest.json') {
    if (method === 'OPTIONS') return { status: 204, headers: { ...CORS }, body: '' };
    const body = asciiJson(manifest);
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body, 'utf8')),
      'Cache-Control': 'no-cache',
      ...CORS,
    };
    return { status: 200, headers, body: method === 'HEAD' ? '' : body };
  }

  if (parts.rest === WIRE_CHECK.path) {
    if (method === 'OPTIONS') return { status: 204, headers: { ...CORS }, body: '' };
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(WIRE_CHECK.bytes),
      ETag: `"${WIRE_CHECK.sha256}"`,
      ...CORS,
    };
    return { status: 200, headers, body: method === 'HEAD' ? '' : WIRE_CHECK_BYTES };
  }

  const file = manifest.files.find((f) => f.path === parts.rest);
  if (!file) return NOT_FOUND;
  if (method === 'OPTIONS') return { status: 204, headers: { ...CORS }, body: '' };
  const common = {
    'Content-Type': 'application/vnd.apache.parquet',
    'Accept-Ranges': 'bytes',
    // The content hash: a reader that sees it change between two ranges knows the file was re-exported.
    ETag: `"${file.sha256}"`,
    'Cache-Control': 'no-cache',
    ...CORS,
  };
  const range = resolveRange(method === 'GET' ? req.range : undefined, file.bytes);
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...common, 'Content-Range': `bytes */${file.bytes}` }, body: '' };
  }
  if (method === 'HEAD' || file.bytes === 0) {
    return { status: 200, headers: { ...common, 'Content-Length': String(file.bytes) }, body: '' };
  }
  if (range.kind === 'whole') {
    const body = await reader.readBytes(parts.exportId, file, 0, file.bytes - 1);
    return { status: 200, headers: { ...common, 'Content-Length': String(body.byteLength) }, body };
  }
  const body = await reader.readBytes(parts.exportId, file, range.start, range.end);
  return {
    status: 206,
    headers: {
      ...common,
      'Content-Length': String(body.byteLength),
      'Content-Range': `bytes ${range.start}-${range.end}/${file.bytes}`,
    },
    body,
  };
}
