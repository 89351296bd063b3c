/** Every synced issue carries a remote link to its partner, and a link write lost to an outage is redone. */
import { TrackerError } from '../../src/core/errors';
import type { PartnerRef } from '../../src/core/ports';
import type { FakeTracker } from '../fakes/fake-tracker';
import { makeWorld } from './harness';

/** Gives a fake tracker Jira's remote links: one per globalId, so writing one again replaces it. */
function withPartnerLinks(tracker: FakeTracker, failFirst: number) {
  const links = new Map<string, Map<string, string>>();
  let failures = failFirst;
  Object.assign(tracker, {
    linkToPartner: (issueId: string, partner: PartnerRef, globalId: string) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new TrackerError('unavailable', 'Service Unavailable (503)'));
      }
      links.set(issueId, (links.get(issueId) ?? new Map<string, string>()).set(globalId, partner.key));
      return Promise.resolve();
    },
  });
  return (issueId: string) => [...(links.get(issueId)?.values() ?? [])];
}

it('a partner link that failed with a 503 after the create is written by the next cycle', async () => {
  const w = makeWorld();
  const localLinks = withPartnerLinks(w.local, 0);
  const remoteLinks = withPartnerLinks(w.remote, 1); // the new copy's link to its original fails once
  const original = w.local.userCreate({ summary: 'Needs a partner link' });

  await w.cycle();
  await w.cycle();

  const copies = w.remote.snapshot().filter((i) => i.fields.title === 'Needs a partner link');
  expect(copies).toHaveLength(1); // the retry found the copy, it did not create another
  const copy = copies[0];
  if (!copy) throw new Error('no copy');
  expect(remoteLinks(copy.id)).toEqual([original.key]);
  expect(localLinks(original.id)).toEqual([copy.key]);
  const pair = w.store.all(w.connection.id)[0];
  expect(pair?.status.state).toBe('ok');
});
