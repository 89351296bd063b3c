/**
 * One body limit for every webhook URL (git dev info and tracker issue webhooks): under Forge's ~6 MB
 * invocation payload, so a larger body is refused by its size before any byte of it is hashed or parsed.
 * GitHub caps its payloads at 25 MB; GitLab lists at most 20 commits in a push.
 */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The 413 reason for a body over the limit, or undefined when it fits. */
export function overBodyLimit(rawBody: string): string | undefined {
  const bytes = Buffer.byteLength(rawBody, 'utf8');
  return bytes > MAX_BODY_BYTES
    ? `body of ${bytes} bytes is over the limit of ${MAX_BODY_BYTES} bytes`
    : undefined;
}
