/**
 * Credentials a connection works without: the webhook secrets (changes then arrive with the scheduled
 * cycle instead of at once). The settings page reads this to say "Optional" and to leave them out of
 * "all set"; the previous secret is cleared by hand once the git server uses the new one.
 */
export const OPTIONAL_CREDENTIALS: ReadonlySet<string> = new Set(['webhookSecret', 'previousWebhookSecret']);
