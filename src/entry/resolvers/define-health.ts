import type Resolver from '@forge/resolver';
import { z } from 'zod';
import type { CheckHealth, HealthReport } from '../shared/health';
import { parseInput } from '../shared/parse-input';

/** `invoke('health/get')` carries no payload; the bridge sends it as undefined or `{}`. */
const NoPayloadSchema = z.union([z.undefined(), z.null(), z.strictObject({})]);

/** `health/get`: lets a UI tell "the backend is unreachable" from "this connection has errors". */
export function defineHealth(resolver: Resolver, checkHealth: CheckHealth): void {
  resolver.define<unknown, HealthReport>('health/get', ({ payload }) => {
    parseInput(NoPayloadSchema, payload, 'health/get payload');
    return checkHealth();
  });
}
