/**
 * Secrets compared in constant time. Both sides are hashed first, so the comparison is between equal
 * lengths and the time taken says nothing about the length or the prefix of a guess.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const digest = (value: string | Buffer) => createHash('sha256').update(value).digest();

export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Accepts any of the secrets (a second one during rotation); every one is tried, whichever matches. */
export function matchesAny(secrets: readonly string[], provided: string): boolean {
  let ok = false;
  for (const secret of secrets) if (secret !== '' && safeEqual(secret, provided)) ok = true;
  return ok;
}

export const hmacHex = (algorithm: 'sha256', secret: string, body: string | Buffer): string =>
  createHmac(algorithm, secret).update(body).digest('hex');
