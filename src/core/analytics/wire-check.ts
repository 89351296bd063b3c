/**
 * A file of every byte value, 0x00 to 0xFF, served beside the export's files so anyone can check, with one
 * command on a deployed app, that a web trigger delivers bytes as they were given:
 * `curl -s <url>/wire-check.bin | sha256sum` must print the manifest's `wireCheck.sha256`.
 *
 * Why it exists: Forge documents a web trigger's response `body` only as a string ("body | string | HTTP
 * response body sent back to the caller", developer.atlassian.com/platform/forge/runtime-reference/web-trigger/
 * and events-reference/web-trigger/), with no flag for binary or base64 bodies (no `isBase64Encoded` as in
 * an AWS Lambda proxy response; @forge/api 8.3.0 `WebTriggerResponse` has statusCode, statusText, body and
 * headers only), and its open suggestion ECO-563 (jira.atlassian.com/browse/ECO-563) asks for content types
 * other than JSON. Parquet files are served one character per byte (webtrigger-http.ts `byteBody`), which
 * arrives intact only where the platform writes such a string as ISO-8859-1. If it writes UTF-8, every byte
 * from 0x80 up becomes two and this file's hash does not match, before anyone trusts a query's answer.
 */
export const WIRE_CHECK_PATH = 'wire-check.bin';

export const WIRE_CHECK_BYTES: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) => i);

export const WIRE_CHECK = {
  path: WIRE_CHECK_PATH,
  bytes: WIRE_CHECK_BYTES.byteLength,
  // SHA-256 of the 256 bytes above, written out: the settings page bundles this module, and a browser has no
  // node:crypto. test/analytics/export-core.test.ts computes it again.
  sha256: '40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880',
} as const;
