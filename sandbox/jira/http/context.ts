import type { Actor } from '../domain/actor';
import type { Site } from '../site';
import type { QueryReader } from './query';

export interface EmulatorLimits {
  /** Largest accepted attachment, in bytes (Jira Cloud's default is 1 GB; the emulator's is far smaller). */
  readonly attachmentMaxBytes: number;
}

/** Everything a route handler may look at. */
export interface RequestContext {
  readonly site: Site;
  readonly actor: Actor;
  readonly query: QueryReader;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
  readonly limits: EmulatorLimits;
  /** A path parameter declared by the route's pattern. */
  param(name: string): string;
}
