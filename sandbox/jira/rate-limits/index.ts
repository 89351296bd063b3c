export { SiteRateLimits, type LimitedCall, type RateLimitUsage } from './site-rate-limits';
export {
  ATLASSIAN_RATE_LIMITS,
  NO_RATE_LIMITS,
  RateLimitChangeSchema,
  type RateLimitChange,
  type RateLimitSettings,
} from './settings';
export { LIMIT_REASONS, QUOTA_POLICY, type LimitReason } from './reasons';
export { isRead, objectsReturned, pointsFor } from './cost';
