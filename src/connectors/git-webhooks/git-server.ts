/**
 * What every git server connector provides to receive its webhooks: how to check the secret, which
 * event and delivery a request is, and what its body means for Jira. Listed once in registry.ts.
 */
import type { ParsedDelivery } from '../../core/devinfo/git-event';
import type { GitServerKind } from '../../core/devinfo/integration';
import type { HookInstaller } from './hook-installer';

export interface WebhookRequest {
  /** Header values as Forge gives them: arrays, names in any case. */
  headers: Readonly<Record<string, readonly string[]>>;
  /** The body exactly as received: signatures cover these bytes. */
  rawBody: string;
}

export type SecretCheck = { ok: true } | { ok: false; reason: string };

export interface GitServerConnector {
  kind: GitServerKind;
  label: string;
  /** Where the secret travels, for the settings page: a header name or "Basic auth password". */
  secretHeader: string;
  /**
   * Compares in constant time against each accepted secret (the current one, and the previous one
   * during a rotation). A missing header is a failure, never a pass.
   */
  verify(request: WebhookRequest, secrets: readonly string[]): Promise<SecretCheck>;
  /** The event name (a header for most servers, a body field for Azure DevOps). */
  eventType(request: WebhookRequest, body: unknown): string | undefined;
  /** The server's id for this delivery, stable across its retries, when it sends one. */
  deliveryId(request: WebhookRequest, body: unknown): string | undefined;
  /** Events this connector turns into development information; others are acknowledged and ignored. */
  handles(eventType: string): boolean;
  parse(eventType: string, body: unknown): ParsedDelivery;
  installer?: HookInstaller;
}
