/** The Jira Cloud emulator: stateful per site, contract-checked, with Forge-style product events. */
export { JiraEmulator, type JiraEmulatorOptions } from './emulator';
export { serveJiraEmulator, type JiraHttpServer, type ServeOptions } from './serve';
export { requestFromUrl } from './request-from-url';
export { seedDemo, DEMO_USERS, DEMO_CUSTOM_FIELD } from './seed';
export { textToAdf, adfToText } from './adf/adf-text';
export {
  ATLASSIAN_RATE_LIMITS,
  LIMIT_REASONS,
  NO_RATE_LIMITS,
  QUOTA_POLICY,
  RateLimitChangeSchema,
  isRead,
  pointsFor,
  type LimitReason,
  type RateLimitChange,
  type RateLimitSettings,
  type RateLimitUsage,
} from './rate-limits';
export type { Site } from './site';
export type { EmulatorSnapshot } from './state';
export type {
  ContractViolation,
  EmulatorRequest,
  EmulatorResponse,
  FaultSettings,
  Identity,
  JiraEventListener,
  JiraEventType,
  JiraProductEvent,
} from './types';
