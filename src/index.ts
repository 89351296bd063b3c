/** The Forge handlers named in manifest.yml (`handler: index.<name>`), and nothing else. */
export { onJiraEvent } from './entry/triggers/on-jira-event';
export { onScheduledSync } from './entry/scheduled/on-scheduled-sync';
export { onSyncWork } from './entry/consumers/on-sync-work';
export { onDevInfoWebhook } from './entry/webtriggers/on-devinfo-webhook';
export { onTrackerWebhook } from './entry/webtriggers/on-tracker-webhook';
export { onHealthCheck } from './entry/webtriggers/on-health-check';
export { onAnalyticsExport } from './entry/webtriggers/on-analytics-export';
export { settingsResolver } from './entry/resolvers/settings-resolver';
export { issuePanelResolver } from './entry/resolvers/issue-panel-resolver';
export { onAppUninstall } from './entry/lifecycle/on-app-uninstall';
