/** What a route handler returns; the emulator serialises it, validates it against the contract and sends it. */
export type Reply =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'empty'; readonly status: number; readonly headers?: Readonly<Record<string, string>> }
  | {
      readonly kind: 'bytes';
      readonly status: number;
      readonly body: Buffer;
      readonly contentType: string;
      readonly headers?: Readonly<Record<string, string>>;
    };

export function json(body: unknown, status = 200): Reply {
  return { kind: 'json', status, body };
}

export function empty(status = 204): Reply {
  return { kind: 'empty', status };
}

/**
 * A 4xx/5xx in Jira's error shape, `{errorMessages, errors}`. Thrown from deep inside a handler so that lookups
 * (`requireIssue`) can fail without every caller threading a result type through.
 */
export class JiraHttpError extends Error {
  readonly status: number;
  readonly errorMessages: readonly string[];
  readonly errors: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    errorMessages: readonly string[],
    errors: Readonly<Record<string, string>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
    this.name = 'JiraHttpError';
    this.status = status;
    this.errorMessages = errorMessages;
    this.errors = errors;
    this.headers = headers;
  }

  toReply(): Reply {
    return {
      kind: 'json',
      status: this.status,
      body: { errorMessages: this.errorMessages, errors: this.errors },
      headers: this.headers,
    };
  }
}

export function badRequest(message: string): JiraHttpError {
  return new JiraHttpError(400, [message]);
}

/** Field-level validation failure, as Jira reports it on create and edit. */
export function fieldErrors(errors: Readonly<Record<string, string>>): JiraHttpError {
  return new JiraHttpError(400, [], errors);
}

export function notFound(message: string): JiraHttpError {
  return new JiraHttpError(404, [message]);
}
