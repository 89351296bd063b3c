/**
 * Azure DevOps service hooks: basic auth checked in constant time with rotation, the work item each event
 * type names (`workitem.updated` carries the update, whose `workItemId` is the item; created and commented
 * carry the item as `resource`), other projects and other events verified but ignored.
 */
import { verifyServiceHook } from '../../../src/connectors/azure-devops/verify-service-hook';
import { ConnectionSchema } from '../../../src/core/schema/connection';

const connection = ConnectionSchema.parse({
  id: 'demo-azure',
  name: 'Azure DevOps',
  localProject: 'DEMO',
  remote: { kind: 'azure-devops', baseUrl: 'https://dev.azure.com/fabrikam', project: 'Fabrikam' },
  rules: [],
});
const basic = (password: string) => ({
  Authorization: `Basic ${Buffer.from(`hook:${password}`).toString('base64')}`,
});
const check = (body: unknown, headers: Record<string, string> = basic('s3cret'), secrets = ['s3cret']) =>
  verifyServiceHook({ connection, secrets, headers, rawBody: JSON.stringify(body) });

const updated = {
  eventType: 'workitem.updated',
  resource: { id: 5, workItemId: 42, revision: { id: 42, fields: { 'System.TeamProject': 'Fabrikam' } } },
};
const created = {
  eventType: 'workitem.created',
  resource: { id: 43, rev: 1, fields: { 'System.TeamProject': 'fabrikam' } },
};
const commented = {
  eventType: 'workitem.commented',
  resource: { id: 44, fields: { 'System.TeamProject': 'Fabrikam' } },
};

describe('Azure DevOps service hooks', () => {
  it.each([
    [updated, '42'],
    [created, '43'],
    [commented, '44'],
  ])('reads the work item of %j', (body, id) => {
    expect(check(body)).toEqual({ ok: true, issueIds: [id] });
  });

  it('accepts either password during rotation and refuses a missing or wrong one before reading the body', () => {
    expect(check(updated, basic('old'), ['new', 'old'])).toEqual({ ok: true, issueIds: ['42'] });
    expect(check(updated, basic('old'), ['new'])).toMatchObject({ ok: false, status: 401 });
    expect(check(updated, {}, ['new'])).toEqual({ ok: false, status: 401, reason: 'missing basic auth' });
    expect(check('not even an event', basic('guess'), ['new'])).toMatchObject({ ok: false, status: 401 });
    // No secret set: nothing matches, not even an empty password.
    expect(check(updated, basic(''), [])).toMatchObject({ ok: false, status: 401 });
  });

  it('verifies but ignores other projects and other events; refuses a malformed work item event', () => {
    const elsewhere = {
      ...updated,
      resource: { ...updated.resource, revision: { id: 42, fields: { 'System.TeamProject': 'Other' } } },
    };
    expect(check(elsewhere)).toEqual({ ok: true, ignored: 'a work item of Other, not Fabrikam' });
    expect(check({ eventType: 'git.push', resource: {} })).toEqual({ ok: true, ignored: 'a git.push event' });
    expect(check({ eventType: 'workitem.updated', resource: { id: 5 } })).toMatchObject({
      ok: false,
      status: 422,
    });
  });
});
