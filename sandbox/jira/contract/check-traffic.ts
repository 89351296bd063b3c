import type { Reply } from '../http/reply';
import type { ContractViolation, EmulatorRequest } from '../types';
import type { ContractValidator } from './validator';

/** Turns one request's raw body into what the validator expects to see for its content type. */
function bodyForValidation(req: EmulatorRequest, contentType: string): unknown {
  const text = req.body?.toString('utf8');
  if (contentType.includes('json') && text !== undefined && text.length > 0) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  // The spec models form parts as Spring `MultipartFile` objects, which no client sends; only presence is checked.
  if (contentType.startsWith('multipart/form-data') && req.body !== undefined) return [];
  return undefined;
}

/**
 * Operations Atlassian documents on a page of their own and not in the OpenAPI document: admin webhooks
 * (developer.atlassian.com/cloud/jira/platform/webhooks/). They are served, not contract-checked.
 */
const OUTSIDE_THE_SPEC: readonly RegExp[] = [/^\/rest\/webhooks\/1\.0\/webhook(\/\d+)?$/];

/** Checks a request and records any violation; returns the matched operation for the response check. */
export function checkRequestTraffic(
  validator: ContractValidator,
  req: EmulatorRequest,
  method: string,
  headers: Readonly<Record<string, string>>,
  violations: ContractViolation[],
): string | null {
  if (OUTSIDE_THE_SPEC.some((re) => re.test(req.path))) return null;
  const body = bodyForValidation(req, (headers['content-type'] ?? '').toLowerCase());
  // Forge carries the app's credential in this header; calls the host makes on the app's behalf arrive without it.
  const withAuth = { authorization: 'emulator-resolved-identity', ...headers };
  const check = validator.checkRequest({ method, path: req.path, query: req.query, headers: withAuth, body });
  if (check.errors.length > 0) {
    violations.push({
      site: req.site,
      method,
      path: req.path,
      operationId: check.operationId,
      phase: check.operationId === null ? 'unknown-operation' : 'request',
      status: null,
      errors: check.errors,
    });
  }
  return check.operationId;
}

/** Checks a JSON or empty response (binary bodies have no schema) and records any violation. */
export function checkResponseTraffic(
  validator: ContractValidator,
  req: EmulatorRequest,
  method: string,
  operationId: string,
  reply: Reply,
  violations: ContractViolation[],
): void {
  if (reply.kind === 'bytes') return;
  // Validate what goes on the wire: serialising drops `undefined` members the way the client will see them.
  const body: unknown = reply.kind === 'json' ? JSON.parse(JSON.stringify(reply.body)) : null;
  const errors = validator.checkResponse(req.path, operationId, reply.status, body);
  if (errors.length > 0) {
    violations.push({
      site: req.site,
      method,
      path: req.path,
      operationId,
      phase: 'response',
      status: reply.status,
      errors,
    });
  }
}
