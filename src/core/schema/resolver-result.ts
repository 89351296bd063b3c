/**
 * What every resolver answers, so the settings page and the issue panel handle success and failure the
 * same way. Errors are values with a code the UI can act on and, for bad input, the field that is wrong.
 */
import { z } from 'zod';

export const ResolverErrorCodeSchema = z.enum([
  'bad_request',
  'forbidden',
  'not_found',
  'conflict',
  'remote_error',
  /** The app's license on this site is inactive; the message says so and where to renew it. */
  'unlicensed',
  'internal',
]);
export type ResolverErrorCode = z.infer<typeof ResolverErrorCodeSchema>;

export const ResolverErrorSchema = z.strictObject({
  code: ResolverErrorCodeSchema,
  message: z.string(),
  /** Dotted path of the payload field that is wrong, for bad_request. */
  field: z.string().optional(),
});
export type ResolverError = z.infer<typeof ResolverErrorSchema>;

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

/** Parses a resolver answer in the browser: the data with `data`'s schema, or the error. */
export function resolverResultSchema<S extends z.ZodType>(data: S) {
  return z.union([
    z.strictObject({ ok: z.literal(true), data }),
    z.strictObject({ ok: z.literal(false), error: ResolverErrorSchema }),
  ]);
}
