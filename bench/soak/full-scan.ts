/**
 * The app's hourly self-healing pass, run at the end of a soak as the platform would run it: the
 * connection's last full scan is set back past the hour (run-cycle.ts FULL_SCAN_EVERY_MS) in KVS, where the
 * app keeps it, and the scheduled trigger runs. The app's clock is the wall clock, so setting the stored
 * time back is what an hour passing would look like to it.
 */
import { z } from 'zod';
import type { SandboxHost } from '../../sandbox/host';
import { DEMO_CONNECTION_ID } from '../../sandbox/app-seed';
import { keys } from '../../src/platform/kvs/keys';

const TWO_HOURS_MS = 2 * 60 * 60_000;
const Stored = z.object({ value: z.looseObject({ lastFullScanAt: z.string().optional() }) });

/** The connection's last completed full scan, as the app stored it. */
export function lastFullScanAt(host: SandboxHost): string | undefined {
  const got = host.kvs.handle('/api/v1/get', { key: keys.connectionState(DEMO_CONNECTION_ID) });
  if (got.status !== 200)
    throw new Error(`connection state unreadable: ${got.status} ${JSON.stringify(got.body)}`);
  return Stored.parse(got.body).value.lastFullScanAt;
}

/** Sets the stored last full scan two hours back, so the next scheduled cycle is the self-healing pass. */
export function rewindFullScan(host: SandboxHost): string {
  const key = keys.connectionState(DEMO_CONNECTION_ID);
  const got = host.kvs.handle('/api/v1/get', { key });
  if (got.status !== 200)
    throw new Error(`connection state unreadable: ${got.status} ${JSON.stringify(got.body)}`);
  const state = Stored.parse(got.body).value;
  const rewound = new Date(Date.now() - TWO_HOURS_MS).toISOString();
  const set = host.kvs.handle('/api/v1/set', { key, value: { ...state, lastFullScanAt: rewound } });
  if (set.status >= 300) throw new Error(`connection state not written: ${JSON.stringify(set.body)}`);
  return rewound;
}
