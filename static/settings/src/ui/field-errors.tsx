/**
 * Validation messages by dotted path, from the same zod schema the resolver parses with, so the page
 * shows next to a field exactly what the backend would refuse.
 */
import type { z } from 'zod';

export type FieldErrors = ReadonlyMap<string, string>;

export function errorsOf(result: z.ZodSafeParseResult<unknown>, prefix = ''): FieldErrors {
  const out = new Map<string, string>();
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    if (!out.has(path)) out.set(path, issue.message);
  }
  return out;
}

export function ErrorText({ errors, path }: { errors: FieldErrors; path: string }) {
  const message = errors.get(path);
  return message === undefined ? null : (
    <div className="error-text" role="alert">
      {message}
    </div>
  );
}
