/**
 * A partner Jira site's admin webhook, signed with the connection's secret, brings a partner edit into
 * DEMO at once: no scheduled cycle runs, the delivery is the emulator's own (sent after the edit, as Jira
 * sends it). A webhook with another secret is refused and
 * changes nothing.
 */
import { seedPartnerWebhook } from '../../sandbox/partner-webhook-seed';
import { startWorld, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  await seedPartnerWebhook(w.host);
  await w.cycle();
});
afterEach(async () => {
  await w.close();
});

const partnerOriginal = async () => {
  const all = await w.all('partner');
  // A PARTNER issue with a DEMO copy: the demo seed pairs every one of them after the first cycle.
  const issue = all[0];
  if (!issue) throw new Error('the demo has no PARTNER issue');
  return issue;
};

it('a partner edit crosses with its webhook, without a scheduled cycle', async () => {
  const issue = await partnerOriginal();
  const before = w.host.emulator.adminWebhooks.deliveries().length;
  const runsBefore = w.host.invocations().length;
  await w.edit('partner', issue.key, { summary: 'Pushed by the partner’s webhook' });
  await w.settle();

  expect(await w.partnerBySummary('local', 'Pushed by the partner’s webhook')).toHaveLength(1);
  const sent = w.host.emulator.adminWebhooks.deliveries().slice(before);
  expect(sent).toEqual([
    expect.objectContaining({
      site: 'partner',
      webhookEvent: 'jira:issue_updated',
      issueId: issue.id,
      status: 202,
    }),
  ]);
  const runs = w.host.invocations().slice(runsBefore);
  expect(runs.map((r) => r.moduleKey)).not.toContain('sync-cycle-schedule');
  expect(runs.map((r) => r.moduleKey)).toContain('tracker-webhook');
  expect(w.failedInvocations()).toEqual([]);
});

it('a partner comment crosses the same way', async () => {
  const issue = await partnerOriginal();
  await w.comment('partner', issue.key, 'Said on the partner, carried by its webhook');
  await w.settle();
  const demo = await w.search('local', 'project = DEMO ORDER BY key ASC');
  const texts = demo.flatMap((i) => (i.fields.comment?.comments ?? []).map((c) => JSON.stringify(c.body)));
  expect(texts.filter((t) => t.includes('Said on the partner, carried by its webhook'))).toHaveLength(1);
});

it('a webhook signed with another secret is refused and changes nothing', async () => {
  const created = await w.rest('partner', 'POST', '/rest/webhooks/1.0/webhook', {
    name: 'someone else',
    url: `${w.host.webtriggerUrl('tracker-webhook').replace(/\/+$/, '')}/demo-partner`,
    events: ['jira:issue_updated'],
    filters: { 'issue-related-events-section': 'project = PARTNER' },
    secret: 'not-the-connection-secret',
  });
  expect(created.status).toBe(201);
  // Only the stranger's webhook is left, so a change can reach DEMO only through it.
  const hooks = await w.rest('partner', 'GET', '/rest/webhooks/1.0/webhook');
  for (const hook of hooks.json as { name: string; self: string }[])
    if (hook.name !== 'someone else') {
      const id = hook.self.split('/').pop() ?? '';
      expect((await w.rest('partner', 'DELETE', `/rest/webhooks/1.0/webhook/${id}`)).status).toBe(204);
    }

  const issue = await partnerOriginal();
  const before = w.host.emulator.adminWebhooks.deliveries().length;
  await w.edit('partner', issue.key, { summary: 'Signed by a stranger' });
  await w.settle();
  expect(w.host.emulator.adminWebhooks.deliveries().slice(before)).toEqual([
    expect.objectContaining({ webhookEvent: 'jira:issue_updated', status: 401 }),
  ]);
  expect(await w.partnerBySummary('local', 'Signed by a stranger')).toHaveLength(0);
});
