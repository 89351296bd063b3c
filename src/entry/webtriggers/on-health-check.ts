/** Health probe for monitors and the sandbox: GET answers 200 when healthy, 503 when a check fails. */
import { licenseStateOf } from '../../core/licensing/license-state';
import { withDevInfo } from '../../platform/devinfo/health';
import { reportRuntimeAlive, type CheckHealth } from '../shared/health';
import {
  errorResponse,
  jsonResponse,
  parseWebTriggerRequest,
  type WebTriggerResponse,
} from './webtrigger-http';

export const makeHealthCheckHandler =
  (checkHealth: CheckHealth) =>
  async (request: unknown, context?: unknown): Promise<WebTriggerResponse> => {
    const parsed = parseWebTriggerRequest(request);
    const method = parsed.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return errorResponse(405, `method ${parsed.method} not allowed; use GET`, { Allow: ['GET', 'HEAD'] });
    }
    const report = await checkHealth();
    // The license is reported, not checked: an unpaid install is healthy, it only holds its work.
    const checks = { ...report.checks, license: licenseStateOf(context) };
    return jsonResponse(report.ok ? 200 : 503, { ...report, checks });
  };

/** The runtime, plus the dev info configuration (integrations, secrets set or not, never their values). */
export const onHealthCheck = makeHealthCheckHandler(async () => withDevInfo(await reportRuntimeAlive()));
