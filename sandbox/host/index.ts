/**
 * The local Forge host. Importing it installs the platform globals the @forge/* packages use, so import it
 * before anything that imports @forge/api (which captures the global `fetch` when it loads).
 */
import './runtime-globals';

export { createHost, type HostLogger, type SandboxHost, type SandboxHostOptions } from './host';
export type { RouteHandler, HttpRequest } from './http/http-types';
export { sendJson, sendText } from './http/http-types';
export type { AppManifest } from './manifest';
export type { InvocationRecord, InvocationOutcome } from './invocation-log';
export type { OutboundRequest } from './request-log';
export type { SettleResult } from './pending-work';
export type { FaultsBody, FaultsView } from './fault-control';
export { CONTROL_PREFIX } from './control-api';
