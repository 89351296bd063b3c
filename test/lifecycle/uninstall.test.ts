/**
 * Uninstall erases the app's data (issue #12, data lifecycle): after a sync, dev info deliveries and a git
 * integration, the sandbox uninstalls the app (`POST /_sandbox/api/uninstall`: the preUninstall module and the
 * `avi:forge:uninstalled:app` trigger, as Forge runs them) and KVS holds nothing: no record, no secret.
 */
import { z } from 'zod';
import { seedDemoGitIntegrations } from '../../sandbox/devinfo-seed';
import { startWorld, type World } from '../sandbox-sync/world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  seedDemoGitIntegrations(w.host);
});
afterEach(async () => {
  await w.close();
});

const ReportSchema = z.strictObject({
  invocations: z.array(z.looseObject({ moduleKey: z.string(), outcome: z.string() })),
  left: z.record(z.string(), z.array(z.string())),
});

const keysIn = (space: string): string[] => Object.keys(w.host.kvs.toJSON().spaces[space] ?? {});

async function uninstall(): Promise<z.infer<typeof ReportSchema>> {
  const res = await fetch(`${w.host.url}/_sandbox/api/uninstall`, { method: 'POST' });
  expect(res.status).toBe(200);
  return ReportSchema.parse(await res.json());
}

it('deletes every record and every secret the app stored', async () => {
  await w.cycle();
  await w.create('local', 'Tax is added twice on refunds');
  await w.settle();
  // What there is to erase: sync state, connection and integration records, and their secrets.
  expect(keysIn('kvs').length).toBeGreaterThan(20);
  expect(keysIn('secret').length).toBeGreaterThanOrEqual(3);

  const report = await uninstall();
  expect(report.invocations.map((i) => [i.moduleKey, i.outcome])).toEqual([
    ['tandem-pre-uninstall', 'ok'],
    ['app-uninstalled', 'ok'],
  ]);
  expect(report.left).toEqual({});
  expect(keysIn('kvs')).toEqual([]);
  expect(keysIn('secret')).toEqual([]);
});

it('is idempotent: a second uninstall finds nothing and succeeds', async () => {
  await w.cycle();
  await uninstall();
  const again = await uninstall();
  expect(again.invocations.every((i) => i.outcome === 'ok')).toBe(true);
  expect(again.left).toEqual({});
});
