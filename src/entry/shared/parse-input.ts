import { z } from 'zod';

/**
 * A platform payload (product event, queue event, scheduled or web trigger request) without the
 * documented shape. It is not the caller's fault, so handlers let it propagate and Forge records the
 * failed invocation instead of the app swallowing it.
 */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(`${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Jira sends most ids as strings and a few as numbers; the app keys everything by the string form. */
export const IdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
