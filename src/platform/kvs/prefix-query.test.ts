/**
 * The prefix query through the real @forge/kvs package and the fake KVS endpoints: every key under the
 * prefix and none beside it, across pages, and the number of queries that took.
 */
import { kvs } from '@forge/kvs';
import { installForgeFetch, type InstalledForgeFetch } from '../../../test/fakes/install-forge-fetch';
import { allUnder, KVS_QUERY_PAGE, pageUnder } from './prefix-query';

let fake: InstalledForgeFetch;
beforeEach(() => {
  fake = installForgeFetch({ now: () => Date.parse('2026-03-01T12:00:00Z') });
});
afterEach(() => {
  fake.uninstall();
});

const id = (n: number) => String(n).padStart(4, '0');

async function seed(): Promise<void> {
  // 250 keys under the prefix: two full pages and a half one; neighbours that only look alike.
  for (let n = 0; n < 250; n++) await kvs.set(`v1:thing:${id(n)}`, { n });
  await kvs.set('v1:thingamajig', { n: -1 });
  await kvs.set('v1:other:0001', { n: -2 });
  fake.kvs.resetOpCounts();
}

it('reads every key under the prefix, in key order, across three pages', async () => {
  await seed();
  const all = await allUnder('v1:thing:');
  expect(all).toHaveLength(250);
  expect(all.map((e) => e.key)).toEqual(Array.from({ length: 250 }, (_, n) => `v1:thing:${id(n)}`));
  expect(all.at(-1)?.value).toEqual({ n: 249 });
  expect(fake.kvs.calls()).toBe(Math.ceil(250 / KVS_QUERY_PAGE));
});

it('answers one page with the cursor to the next, and none after the last', async () => {
  await seed();
  const first = await pageUnder('v1:thing:');
  expect(first.results).toHaveLength(KVS_QUERY_PAGE);
  expect(first.nextCursor).toBeDefined();
  const second = await pageUnder('v1:thing:', first.nextCursor);
  expect(second.results[0]?.key).toBe(`v1:thing:${id(KVS_QUERY_PAGE)}`);
  const third = await pageUnder('v1:thing:', second.nextCursor);
  expect(third.results).toHaveLength(50);
  expect(third.nextCursor).toBeUndefined();
});

it('answers an empty list for a prefix nothing is under', async () => {
  await seed();
  expect(await allUnder('v1:nothing:')).toEqual([]);
});
