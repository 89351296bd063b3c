import type { WebhookRequest } from './git-server';

/** First value of a header, matched case-insensitively as HTTP requires. */
export function header(request: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted) return values[0];
  }
  return undefined;
}

/** The first of several header names that is present (Forgejo sends its own names and Gitea's). */
export function firstHeader(request: WebhookRequest, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = header(request, name);
    if (value !== undefined) return value;
  }
  return undefined;
}
