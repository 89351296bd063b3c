/**
 * Versions, components, dates, estimates and typed custom fields in the emulator, against the platform
 * OpenAPI (the emulator is contract-checked: every request and answer below is validated): the field
 * catalog with each custom field's schema, edit and create metadata with allowed values, writes by name or
 * id read back in Jira's shapes, and the refusals Jira gives (an unknown option or version is a 400 naming
 * the field and writes nothing; creating a version needs Administer Projects).
 */
import { DEMO_USERS, type Identity, type JiraEmulator } from '../../sandbox/jira';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

let emulator: JiraEmulator;
const userIdentity = (email: string): Identity => ({
  kind: 'user',
  accountId: emulator.site('local').userByEmail(email)?.accountId ?? '',
});

beforeEach(() => {
  emulator = seededEmulator({ wallClock: () => Date.parse('2026-11-24T08:00:00.000Z') });
});
afterEach(() => {
  expect(emulator.contractViolations).toEqual([]);
});

async function fieldIds(site: string): Promise<Record<string, string>> {
  const fields = arr((await callJson(emulator, APP, site, 'GET', '/rest/api/3/field')).json).map(obj);
  return Object.fromEntries(fields.map((f) => [String(f.name), String(f.id)]));
}

it('lists custom fields with their types; the same name has another id on the partner', async () => {
  const fields = arr((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/field')).json).map(obj);
  const byName = (name: string) => fields.find((f) => f.name === name);
  expect(byName('Severity')?.schema).toMatchObject({
    type: 'option',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
  });
  expect(byName('Region')?.schema).toMatchObject({ type: 'option-with-child' });
  expect(byName('Reviewer')?.schema).toMatchObject({ type: 'user' });
  expect(byName('Start date')?.schema).toMatchObject({ type: 'date' });
  expect(byName('Fix versions')?.schema).toEqual({ type: 'array', items: 'version', system: 'fixVersions' });
  const local = await fieldIds('local');
  const partner = await fieldIds('partner');
  expect(local.Severity).toMatch(/^customfield_\d+$/);
  expect(partner.Severity).not.toBe(local.Severity);
});

it('writes versions, components, dates, estimates and typed custom fields, and reads them back', async () => {
  const ids = await fieldIds('local');
  const user = emulator.site('local').userByEmail(DEMO_USERS.user.email);
  const edit = await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1', {
    body: {
      fields: {
        fixVersions: [{ name: '2.0' }],
        versions: [{ name: '1.0' }, { name: '1.1' }],
        components: [{ name: 'Backend' }, { name: 'Mobile' }],
        duedate: '2026-12-24',
        timetracking: { originalEstimate: '1d 2h' },
        [ids['Start date'] ?? '']: '2026-12-01',
        [ids['Story point estimate'] ?? '']: 5,
        [ids.Severity ?? '']: { value: 'Major' },
        [ids.Platforms ?? '']: [{ value: 'Web' }, { value: 'iOS' }],
        [ids.Region ?? '']: { value: 'Europe', child: { value: 'France' } },
        [ids.Reviewer ?? '']: { accountId: user?.accountId },
        [ids['Deployed at'] ?? '']: '2026-11-20T10:15:00.000+0100',
        [ids.Spec ?? '']: 'https://example.com/spec',
        [ids.Teams ?? '']: ['alpha', 'beta'],
      },
    },
  });
  expect([edit.status, edit.json]).toEqual([204, ""]);
  const read = obj(
    obj((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1')).json).fields,
  );
  const names = (v: unknown) => arr(v).map((x) => obj(x).name);
  expect(names(read.fixVersions)).toEqual(['2.0']);
  expect(names(read.versions)).toEqual(['1.0', '1.1']);
  expect(names(read.components)).toEqual(['Backend', 'Mobile']);
  expect(read.duedate).toBe('2026-12-24');
  // A day is 8 hours; the remaining estimate starts at the original one.
  expect(read.timetracking).toEqual({
    originalEstimate: '1d 2h',
    originalEstimateSeconds: 36000,
    remainingEstimate: '1d 2h',
    remainingEstimateSeconds: 36000,
  });
  expect(read[ids['Start date'] ?? '']).toBe('2026-12-01');
  expect(read[ids['Story point estimate'] ?? '']).toBe(5);
  expect(read[ids.Severity ?? '']).toMatchObject({ value: 'Major' });
  expect(arr(read[ids.Platforms ?? '']).map((o) => obj(o).value)).toEqual(['Web', 'iOS']);
  expect(read[ids.Region ?? '']).toMatchObject({ value: 'Europe', child: { value: 'France' } });
  expect(read[ids.Reviewer ?? '']).toMatchObject({ accountId: user?.accountId });
  expect(read[ids['Deployed at'] ?? '']).toBe('2026-11-20T09:15:00.000+0000');
  expect(read[ids.Spec ?? '']).toBe('https://example.com/spec');
  expect(read[ids.Teams ?? '']).toEqual(['alpha', 'beta']);

  // The remaining estimate alone keeps the original.
  await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1', {
    body: { fields: { timetracking: { remainingEstimate: '3h' } } },
  });
  const again = obj(
    obj(
      (
        await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1', {
          query: { fields: 'timetracking' },
        })
      ).json,
    ).fields,
  );
  expect(again.timetracking).toMatchObject({
    originalEstimateSeconds: 36000,
    remainingEstimateSeconds: 10800,
  });
});

it('refuses an option, child option or version the site lacks with a 400 naming the field, writing nothing', async () => {
  const ids = await fieldIds('local');
  const severity = ids.Severity ?? '';
  const region = ids.Region ?? '';
  const refused = await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-2', {
    body: {
      fields: {
        summary: 'Not written either',
        [severity]: { value: 'Trivial' },
        [region]: { value: 'Americas', child: { value: 'Canada' } },
        fixVersions: [{ name: '3.0' }],
        components: [{ name: 'Mobile' }],
      },
    },
  });
  expect(refused.status).toBe(400);
  expect(obj(refused.json).errors).toEqual({
    [severity]: "Option value 'Trivial' is not valid",
    [region]: "Option value 'Canada' is not valid for the parent option 'Americas'",
    fixVersions: "Version name '3.0' is not valid",
  });
  const issue = emulator.site('local').findIssue('DEMO-2');
  expect(issue?.summary).not.toBe('Not written either');
  expect(issue?.customFields).toEqual({});
  // PARTNER has no Mobile component.
  const partner = await callJson(emulator, APP, 'partner', 'PUT', '/rest/api/3/issue/PARTNER-2', {
    body: { fields: { components: [{ name: 'Mobile' }] } },
  });
  expect(obj(partner.json).errors).toEqual({ components: "Component name 'Mobile' is not valid" });
});

it('answers edit and create metadata with the allowed values of each site', async () => {
  const ids = await fieldIds('partner');
  const meta = obj(
    obj((await callJson(emulator, APP, 'partner', 'GET', '/rest/api/3/issue/PARTNER-1/editmeta')).json)
      .fields,
  );
  const severity = obj(meta[ids.Severity ?? '']);
  expect(severity.schema).toMatchObject({ type: 'option', customId: Number(ids.Severity?.split('_')[1]) });
  expect(arr(severity.allowedValues).map((o) => obj(o).value)).toEqual([
    'Critical',
    'Major',
    'Minor',
    'Trivial',
  ]);
  const region = arr(obj(meta[ids.Region ?? '']).allowedValues).map(obj);
  expect(region.map((o) => [o.value, arr(o.children).map((c) => obj(c).value)])).toEqual([
    ['Europe', ['Germany', 'France']],
    ['Americas', ['USA', 'Canada']],
  ]);
  expect(arr(obj(meta.fixVersions).allowedValues).map((v) => obj(v).name)).toEqual(['1.0', '1.1']);
  expect(obj(meta.fixVersions).operations).toEqual(['add', 'set', 'remove']);

  // Vic may browse but not edit: no fields to edit.
  const viewer = await callJson(
    emulator,
    {
      kind: 'user',
      accountId: emulator.site('partner').userByEmail(DEMO_USERS.viewer.email)?.accountId ?? '',
    },
    'partner',
    'GET',
    '/rest/api/3/issue/PARTNER-1/editmeta',
  );
  expect(viewer.json).toEqual({ fields: {} });

  const create = obj(
    (await callJson(emulator, APP, 'partner', 'GET', '/rest/api/3/issue/createmeta/PARTNER/issuetypes/10001'))
      .json,
  );
  const fields = arr(create.fields).map(obj);
  expect(fields.find((f) => f.fieldId === 'summary')).toMatchObject({ required: true });
  expect(arr(fields.find((f) => f.fieldId === 'components')?.allowedValues).map((c) => obj(c).name)).toEqual([
    'Backend',
    'Frontend',
  ]);
});

it('lists and creates versions and components; creating needs Administer Projects', async () => {
  const versions = await callJson(emulator, APP, 'partner', 'GET', '/rest/api/3/project/PARTNER/versions');
  expect(arr(versions.json).map((v) => obj(v).name)).toEqual(['1.0', '1.1']);
  const uma = userIdentity(DEMO_USERS.user.email);
  const project = emulator.site('local').findProject('DEMO');
  const refused = await callJson(emulator, uma, 'local', 'POST', '/rest/api/3/version', {
    body: { name: '3.0', projectId: Number(project?.id) },
  });
  expect(refused.status).toBe(400);
  const refusedComponent = await callJson(emulator, uma, 'local', 'POST', '/rest/api/3/component', {
    body: { name: 'Docs', project: 'DEMO' },
  });
  expect(refusedComponent.status).toBe(403);

  const admin = userIdentity(DEMO_USERS.admin.email);
  const created = await callJson(emulator, admin, 'local', 'POST', '/rest/api/3/version', {
    body: { name: '3.0', projectId: Number(project?.id) },
  });
  expect(created.status).toBe(201);
  expect(obj(created.json)).toMatchObject({ name: '3.0', released: false, archived: false });
  const duplicate = await callJson(emulator, admin, 'local', 'POST', '/rest/api/3/version', {
    body: { name: '3.0', projectId: Number(project?.id) },
  });
  expect(duplicate.status).toBe(400);
  const component = await callJson(emulator, admin, 'local', 'POST', '/rest/api/3/component', {
    body: { name: 'Docs', project: 'DEMO' },
  });
  expect(component.status).toBe(201);
  const components = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/project/DEMO/components');
  expect(arr(components.json).map((c) => obj(c).name)).toEqual(['Backend', 'Docs', 'Frontend', 'Mobile']);
});
