/**
 * The fake tracker the core's tests use (test/fakes/fake-tracker.ts) against the contract, so the engine's
 * tests run against a tracker that keeps the promises the real connectors keep. Twice: with every
 * capability, and as a tracker without attachments, which must behave as it declares.
 */
import { markdownToAdf } from '../../../src/connectors/markdown';
import type { Json } from '../../../src/core/model';
import { FakeTracker, type FakeTrackerOptions } from '../../fakes/fake-tracker';
import { describeTrackerContract, type ContractSubject } from './tracker-contract';

function fakeSubject(options: FakeTrackerOptions, heldBody: (markdown: string) => Json): ContractSubject {
  let ms = Date.parse('2026-11-24T08:00:00.000Z');
  const tracker = new FakeTracker({
    now: () => new Date(ms),
    pageSize: 3,
    attributions: true,
    refuseCreate: (fields) =>
      Array.isArray(fields.labels) && fields.labels.includes('refused')
        ? 'the label "refused" is refused'
        : undefined,
    ...options,
  });
  return {
    tracker,
    // The fake caches nothing: a new invocation would see the same store.
    restart: () => tracker,
    paths: { title: 'summary', body: 'description', labels: 'labels' },
    heldBody,
    pageSize: 3,
    personCreates: (titles) => Promise.resolve(titles.map((summary) => tracker.userCreate({ summary }).id)),
    personEditsTitle: (id, summary) => {
      tracker.userEdit(id, { summary });
      return Promise.resolve();
    },
    personComments: (id, body) => Promise.resolve(tracker.userComment(id, body).id),
    advance: () => {
      ms += 1000;
      return Promise.resolve();
    },
    missingId: '999999',
    outOfScopeRefs: ['OTHER-1'],
    ...(options.issueLinks ? { linkType: 'Blocks' } : {}),
    refusedCreate: { fields: { labels: ['refused'] }, reason: /is refused/ },
  };
}

describeTrackerContract('fake tracker with every capability', () =>
  Promise.resolve(fakeSubject({ issueLinks: {}, bulkCreate: true }, (markdown) => markdown)),
);

describeTrackerContract('fake tracker holding ADF, without attachments or worklogs', () =>
  Promise.resolve(
    fakeSubject(
      {
        attachments: false,
        worklogs: false,
        richText: { paths: ['description'], convert: (v) => (typeof v === 'string' ? markdownToAdf(v) : v) },
      },
      (markdown) => markdownToAdf(markdown),
    ),
  ),
);
