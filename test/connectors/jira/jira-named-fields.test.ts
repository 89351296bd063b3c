/**
 * Rules that name fields beyond jira-mapping.ts's own (jira-fields.ts), against the contract-checked
 * emulator's two demo sites, whose custom fields have other ids and partly other options: values written on
 * DEMO by field name read back as canonical values, cross to PARTNER as they are, and read back equal there.
 * A value the partner lacks (an option, a version) is named on the write and nothing else is put in its place;
 * a missing version is created only where the rule allows it.
 */
import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { jiraFieldRules } from '../../../src/connectors/jira/jira-fields';
import { remoteJiraTransport } from '../../../src/connectors/jira/remote-transport';
import { PartialWriteError } from '../../../src/core/errors';
import type { Rule } from '../../../src/core/schema/rules';
import { RuleListSchema } from '../../../src/core/schema/rules';
import { DEMO_USERS } from '../../../sandbox/jira/seed';
import { startSeeded, type Harness } from '../../sandbox-jira/harness';
import { nodeFetch } from '../node-fetch';

let jira: Harness;
beforeEach(async () => {
  jira = await startSeeded();
});
afterEach(async () => {
  expect(jira.emulator.contractViolations).toEqual([]);
  await jira.close();
});

const NAMED = [
  'fixVersions',
  'versions',
  'components',
  'duedate',
  'Start date',
  'Story point estimate',
  'Severity',
  'Platforms',
  'Region',
  'Reviewer',
  'Deployed at',
  'Spec',
  'Teams',
  'timetracking.originalEstimateSeconds',
  'timetracking.remainingEstimateSeconds',
];

function rules(extra: Partial<Record<string, boolean>> = {}): Rule[] {
  return RuleListSchema.parse(
    NAMED.map((path) => ({
      kind: 'two-way',
      local: path,
      remote: path,
      ...(extra[path] ? { createMissing: true } : {}),
    })),
  );
}

function tracker(site: 'local' | 'partner', ruleList: Rule[], requests: string[] = []): JiraTracker {
  const url = jira.server.siteUrl(site);
  return new JiraTracker({
    transport: remoteJiraTransport(
      url,
      { kind: 'cloud', email: DEMO_USERS.admin.email, apiToken: DEMO_USERS.admin.apiToken },
      (u, init) => {
        requests.push(`${init.method} ${new URL(u).pathname.replace(/^\/sites\/\w+/, '')}`);
        return nodeFetch(u, init);
      },
    ),
    label: site === 'local' ? 'DEMO' : 'PARTNER',
    browseBase: url,
    project: site === 'local' ? 'DEMO' : 'PARTNER',
    fieldRules: jiraFieldRules(ruleList, site === 'local' ? 'local' : 'remote'),
  });
}

const userId = (site: string) => jira.emulator.site(site).userByEmail(DEMO_USERS.user.email)?.accountId;

it('reads typed fields by name, copies them to the partner (other ids) and reads them back equal', async () => {
  const requests: string[] = [];
  const demo = tracker('local', rules(), requests);
  const partner = tracker('partner', rules());
  const values = {
    fixVersions: ['1.1'],
    versions: ['1.0'],
    components: ['Backend', 'Frontend'],
    duedate: '2026-12-24',
    'Start date': '2026-12-01',
    'Story point estimate': 8,
    Severity: 'Major',
    Platforms: ['iOS', 'Web'], // read back sorted, as option lists compare as sets
    Region: { value: 'Europe', child: 'Germany' },
    Reviewer: { id: userId('local') ?? '', displayName: 'Uma User', email: DEMO_USERS.user.email },
    'Deployed at': '2026-11-20T09:15:00.000Z',
    Spec: 'https://example.com/spec',
    Teams: ['alpha'],
    'timetracking.originalEstimateSeconds': 7200,
    'timetracking.remainingEstimateSeconds': 3600,
  };
  const held = await demo.updateIssue('DEMO-1', values);
  expect(held).toEqual(values);
  // The field list is read once for the invocation, however many reads and writes.
  const [read] = await demo.getIssues(['DEMO-1']);
  expect(requests.filter((r) => r === 'GET /rest/api/3/field')).toHaveLength(1);
  const {
    Reviewer: reviewer,
    'timetracking.originalEstimateSeconds': original,
    'timetracking.remainingEstimateSeconds': remaining,
    ...rest
  } = values;
  expect(read?.fields).toMatchObject({ ...rest, Reviewer: { id: reviewer.id } });
  expect(read?.fields.timetracking).toEqual({
    originalEstimateSeconds: 7200,
    remainingEstimateSeconds: 3600,
  });

  // The partner names the same fields with other ids; the reviewer goes through the user map (same email).
  await partner.updateIssue('PARTNER-1', { ...values, Reviewer: read?.fields.Reviewer ?? null });
  const [back] = await partner.getIssues(['PARTNER-1']);
  expect(back?.fields).toMatchObject({ ...rest, Reviewer: { id: userId('partner') } });
  expect(back?.fields.timetracking).toEqual({
    originalEstimateSeconds: original,
    remainingEstimateSeconds: remaining,
  });
});

it('names a value the partner lacks and writes nothing in its place; the rest is written', async () => {
  const partnerIds = jira.emulator.site('partner').state.customFields;
  const severityId = partnerIds.find((f) => f.name === 'Severity')?.id ?? '';
  const demo = tracker('local', rules());
  await demo.updateIssue('DEMO-2', { Severity: 'Minor' });
  const err = await demo
    .updateIssue('DEMO-2', {
      Severity: 'Trivial',
      Region: { value: 'Americas', child: 'Canada' },
      fixVersions: ['1.1', '3.0'],
      duedate: '2027-01-31',
    })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PartialWriteError);
  if (!(err instanceof PartialWriteError)) return;
  expect(err.unwritten.map((u) => u.path).sort()).toEqual(['Region', 'Severity', 'fixVersions']);
  const message = (path: string) => err.unwritten.find((u) => u.path === path)?.message;
  expect(message('Severity')).toContain(`Severity = "Trivial": Option value 'Trivial' is not valid`);
  expect(message('Region')).toContain("Option value 'Canada' is not valid for the parent option 'Americas'");
  expect(message('fixVersions')).toBe(
    'DEMO: Fix versions "3.0" does not exist in DEMO; create it there, or let the rule create missing ones (createMissing)',
  );
  expect(err.held).toEqual({ duedate: '2027-01-31' });
  const [issue] = await demo.getIssues(['DEMO-2']);
  expect(issue?.fields).toMatchObject({
    Severity: 'Minor',
    Region: null,
    fixVersions: [],
    duedate: '2027-01-31',
  });
  expect(severityId).toMatch(/^customfield_/);
});

it('creates a missing version on the partner only when the rule allows it', async () => {
  const without = tracker('partner', rules());
  await expect(without.updateIssue('PARTNER-3', { fixVersions: ['2.0'] })).rejects.toThrow(
    'Fix versions "2.0" does not exist in PARTNER',
  );
  expect(Object.values(jira.emulator.site('partner').state.versions).map((v) => v.name)).toEqual([
    '1.0',
    '1.1',
  ]);
  const withCreate = tracker('partner', rules({ fixVersions: true, components: true }));
  await withCreate.updateIssue('PARTNER-3', { fixVersions: ['2.0'], components: ['Mobile'] });
  const [issue] = await withCreate.getIssues(['PARTNER-3']);
  expect(issue?.fields).toMatchObject({ fixVersions: ['2.0'], components: ['Mobile'] });
});

it('a create carries the named fields, and names what it could not set', async () => {
  const partner = tracker('partner', rules());
  const created = await partner.createIssue(
    { summary: 'Copied', Severity: 'Major', 'Story point estimate': 3, components: ['Mobile'] },
    'o:named:1',
  );
  expect(created.fields).toMatchObject({ Severity: 'Major', 'Story point estimate': 3, components: [] });
  expect(created.unwritten?.map((u) => u.path)).toEqual(['components']);
});
