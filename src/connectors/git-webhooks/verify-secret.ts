/**
 * Constant-time secret checks shared by the connectors. Digests of equal length are compared with
 * `crypto.timingSafeEqual`, so the time taken says nothing about how much of a guess was right; plain
 * tokens are hashed first, which also hides their length.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SecretCheck } from './git-server';

const HEX = /^[0-9a-f]+$/i;

function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `provided` is the hex HMAC of the body (without any `sha256=` prefix). */
export function hmacMatches(
  algorithm: 'sha1' | 'sha256',
  secrets: readonly string[],
  body: string,
  provided: string,
): boolean {
  if (!HEX.test(provided)) return false;
  const given = Buffer.from(provided.toLowerCase(), 'utf8');
  let matched = false;
  // Every secret is tried, so the time does not tell which one matched.
  for (const secret of secrets) {
    const expected = Buffer.from(createHmac(algorithm, secret).update(body, 'utf8').digest('hex'), 'utf8');
    if (equalBytes(expected, given)) matched = true;
  }
  return matched;
}

export function tokenMatches(secrets: readonly string[], provided: string): boolean {
  const given = createHash('sha256').update(provided, 'utf8').digest();
  let matched = false;
  for (const secret of secrets) {
    if (equalBytes(createHash('sha256').update(secret, 'utf8').digest(), given)) matched = true;
  }
  return matched;
}

export const missing = (what: string): SecretCheck => ({ ok: false, reason: `missing ${what}` });
export const mismatch = (what: string): SecretCheck => ({
  ok: false,
  reason: `${what} does not match this integration's secret`,
});
export const PASS: SecretCheck = { ok: true };
