/**
 * What the devinfo use-cases need from the platform. Forge implementations live in src/platform/devinfo;
 * tests use in-memory fakes. The sink is the core's DevInfoSink (src/core/ports.ts).
 */
import type { DeliveryRecord } from './integration';
import type { ParsedDelivery } from './git-event';

/** A received, verified webhook waiting in the durable inbox. */
export interface InboxDelivery {
  /** Where it is stored; opaque to the core. */
  ref: string;
  integrationId: string;
  deliveryId: string;
  event: string;
  receivedAtMs: number;
  /** The audit record to update with the outcome. */
  auditRef: string;
  bodyBytes: number;
}

export interface DeliveryInbox {
  /** Oldest first. */
  peek(limit: number): Promise<InboxDelivery[]>;
  body(delivery: InboxDelivery): Promise<string>;
  remove(deliveries: readonly InboxDelivery[]): Promise<void>;
}

export type DeliveryResult = Pick<DeliveryRecord, 'outcome' | 'detail' | 'counts' | 'unknownIssueKeys'>;

export interface DeliveryAudit {
  complete(delivery: InboxDelivery, result: DeliveryResult): Promise<void>;
}

export interface ProjectDirectory {
  /** Keys of the projects on the site, upper case. */
  projectKeys(): Promise<ReadonlySet<string>>;
}

/** Parses a queued body with its integration's connector (the integration may be gone by now). */
export type ParseQueued = (delivery: InboxDelivery, rawBody: string) => Promise<ParsedDelivery>;
