/**
 * Writes a failure the consumer gave up on into the connection's state, where Activity shows it as the
 * connection's last error (admin/activity.ts). The next cycle that completes clears it (run-cycle.ts).
 */
import { forgeClock } from '../forge-clock';
import { KvsSyncStateStore } from '../kvs/kvs-sync-state-store';

export async function recordConnectionFailure(
  connectionId: string,
  code: string,
  message: string,
): Promise<void> {
  const store = new KvsSyncStateStore();
  const state = await store.getConnectionState(connectionId);
  state.lastError = { code, message: message.slice(0, 2000), at: forgeClock.now().toISOString() };
  await store.putConnectionState(state);
}
