/**
 * A remote tracker's issue webhook, as each connector verifies it (GitHub's X-Hub-Signature-256, GitLab's
 * X-Gitlab-Token): refused, or the issues of this connection it says changed. The payload's copy of an
 * issue is never used; the cycle reads the issue through the API.
 */
import type { Connection } from '../../core/schema/connection';

export interface TrackerWebhookRequest {
  connection: Connection;
  /** The connection's webhook secrets: the current one and, during a rotation, the previous one. */
  secrets: readonly string[];
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: string;
}

export type TrackerWebhookCheck =
  /** 401: no or a wrong signature, so nothing in it may be read; 422: signed, but not what it says. */
  | { ok: false; status: 401 | 422; reason: string }
  | { ok: true; issueIds: string[] }
  /** Verified, but nothing to sync: a ping, a pull request, another repository's event. */
  | { ok: true; ignored: string };

export type VerifyTrackerWebhook = (request: TrackerWebhookRequest) => TrackerWebhookCheck;

/** `acme/Widgets` and `acme/widgets` name one repository on GitHub and GitLab. */
export const sameProject = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
