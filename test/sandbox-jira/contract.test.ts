import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS, textToAdf, type JiraEmulator } from '../../sandbox/jira';
import { sharedContractValidator } from '../../sandbox/jira/contract/validator';
import { patchPlatformSpec } from '../../sandbox/jira/spec-overlay';
import { APP, arr, callJson, obj, seededEmulator } from './harness';

const CONTRACTS = join(__dirname, '..', '..', '..', 'shared', 'contracts', 'jira');

describe('contract validation', () => {
  let emulator: JiraEmulator;

  beforeEach(() => {
    emulator = seededEmulator();
  });

  it('catches a malformed request body, an undeclared query parameter and an unknown endpoint', async () => {
    const bad = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue', {
      body: { fields: 'not an object' },
    });
    expect(bad.status).toBe(400);
    await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1', { query: { bogus: '1' } });
    await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/nonexistent');

    const violations = emulator.contractViolations;
    expect(violations).toEqual([
      expect.objectContaining({
        operationId: 'createIssue',
        phase: 'request',
        errors: [expect.stringContaining('/requestBody/fields must be object')],
      }),
      expect.objectContaining({
        operationId: 'getIssue',
        phase: 'request',
        errors: [expect.stringContaining('bogus')],
      }),
      expect.objectContaining({ operationId: null, phase: 'unknown-operation' }),
    ]);
    emulator.clearContractViolations();
  });

  it('catches a malformed response and an undeclared success status', async () => {
    const validator = await sharedContractValidator();
    expect(
      validator.checkResponse('/rest/api/3/issue/X-1', 'getIssue', 200, { id: 10001, key: 'X-1' }),
    ).toEqual([expect.stringContaining('/id must be string')]);
    expect(validator.checkResponse('/rest/api/3/issue', 'createIssue', 200, {})).toEqual([
      expect.stringContaining('status 200 is not declared'),
    ]);
  });

  describe('the Forge path (identity passed in) stays within the contract', () => {
    afterEach(() => {
      expect(emulator.contractViolations).toEqual([]);
    });

    it('serves site configuration', async () => {
      for (const path of [
        '/rest/api/3/myself',
        '/rest/api/3/serverInfo',
        '/rest/api/3/project',
        '/rest/api/3/project/DEMO',
        '/rest/api/3/project/DEMO/statuses',
        '/rest/api/3/issuetype',
        '/rest/api/3/field',
        '/rest/api/3/status',
        '/rest/api/3/statuscategory',
        '/rest/api/3/priority',
        '/rest/api/3/users/search',
        '/rest/api/3/issueLinkType',
        '/rest/api/3/issueLinkType/10000',
      ]) {
        expect([path, (await callJson(emulator, APP, 'local', 'GET', path)).status]).toEqual([path, 200]);
      }
      const search = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/project/search', {
        query: { keys: 'DEMO' },
      });
      expect(obj(search.json).total).toBe(1);
      const users = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/user/search', {
        query: { query: 'uma' },
      });
      expect(arr(users.json).map((u) => obj(u).emailAddress)).toEqual([DEMO_USERS.user.email]);
      const field = arr((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/field')).json).map((f) =>
        obj(f),
      );
      expect(field.find((f) => f.name === 'Story Points')).toMatchObject({
        custom: true,
        id: 'customfield_10050',
      });
    });

    it('reads an issue with fields selection and expansions', async () => {
      const issue = obj(
        (
          await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-3', {
            query: {
              fields: 'summary,status,comment,customfield_10050',
              expand: 'changelog,renderedFields,names,transitions',
            },
          })
        ).json,
      );
      const fields = obj(issue.fields);
      expect(Object.keys(fields).sort()).toEqual(['comment', 'customfield_10050', 'status', 'summary']);
      expect(obj(obj(fields.status).statusCategory)).toMatchObject({ key: 'done', name: 'Done' });
      expect(obj(issue.renderedFields).summary).toBeNull();
      expect(obj(issue.changelog).total).toBe(2);
      expect(fields.customfield_10050).toBe(3);
      const all = obj((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1')).json);
      expect(obj(all.fields).created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      expect(obj(obj(all.fields).comment)).toMatchObject({ total: 2, startAt: 0, maxResults: 2 });
    });

    it('pages comments and keeps comment and issue properties', async () => {
      const page = obj(
        (
          await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1/comment', {
            query: { startAt: '1', maxResults: '1', expand: 'renderedBody' },
          })
        ).json,
      );
      expect(page).toMatchObject({ startAt: 1, maxResults: 1, total: 2 });
      const comment = obj(arr(page.comments)[0]);
      expect(comment.renderedBody).toBe('<p>Thanks, I can reproduce it.</p>');
      const id = String(comment.id);
      expect(
        (
          await callJson(emulator, APP, 'local', 'PUT', `/rest/api/3/comment/${id}/properties/sync`, {
            body: { remoteId: 7 },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await callJson(emulator, APP, 'local', 'PUT', `/rest/api/3/comment/${id}/properties/sync`, {
            body: { remoteId: 8 },
          })
        ).status,
      ).toBe(200);
      expect(
        obj((await callJson(emulator, APP, 'local', 'GET', `/rest/api/3/comment/${id}/properties/sync`)).json)
          .value,
      ).toEqual({ remoteId: 8 });
      expect(
        obj((await callJson(emulator, APP, 'local', 'GET', `/rest/api/3/comment/${id}/properties`)).json)
          .keys,
      ).toHaveLength(1);
      expect(
        (await callJson(emulator, APP, 'local', 'DELETE', `/rest/api/3/comment/${id}/properties/sync`))
          .status,
      ).toBe(204);
      expect(
        (await callJson(emulator, APP, 'local', 'GET', `/rest/api/3/comment/${id}/properties/sync`)).status,
      ).toBe(404);

      await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1/properties/tandem', {
        body: { pair: 1 },
      });
      expect(
        obj((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1/properties')).json).keys,
      ).toHaveLength(1);
      expect(
        (await callJson(emulator, APP, 'local', 'DELETE', '/rest/api/3/issue/DEMO-1/properties/tandem'))
          .status,
      ).toBe(204);
    });

    it('rejects a comment body that is not ADF', async () => {
      const bad = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue/DEMO-1/comment', {
        body: { body: { type: 'doc', version: 1, content: [{ type: 'no-such-node' }] } },
      });
      expect(bad.status).toBe(400);
      expect(obj(obj(bad.json).errors).comment).toContain('not a valid Atlassian Document');
      const good = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue/DEMO-1/comment', {
        body: { body: textToAdf('ok') },
      });
      expect(good.status).toBe(201);
    });

    it('manages remote links by id and by globalId', async () => {
      const body = {
        globalId: 'gh:1',
        application: { type: 'com.github', name: 'GitHub' },
        relationship: 'mirrors',
        object: { url: 'https://github.com/o/r/issues/1', title: 'o/r#1' },
      };
      const created = obj(
        (await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue/DEMO-2/remotelink', { body }))
          .json,
      );
      const one = await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-2/remotelink', {
        query: { globalId: 'gh:1' },
      });
      expect(obj(one.json)).toMatchObject({ id: created.id, relationship: 'mirrors' });
      const put = await callJson(
        emulator,
        APP,
        'local',
        'PUT',
        `/rest/api/3/issue/DEMO-2/remotelink/${String(created.id)}`,
        {
          body: { ...body, object: { url: 'https://github.com/o/r/issues/1', title: 'renamed' } },
        },
      );
      expect(put.status).toBe(204);
      const byId = obj(
        (
          await callJson(
            emulator,
            APP,
            'local',
            'GET',
            `/rest/api/3/issue/DEMO-2/remotelink/${String(created.id)}`,
          )
        ).json,
      );
      expect(obj(byId.object).title).toBe('renamed');
      expect(
        (
          await callJson(emulator, APP, 'local', 'DELETE', '/rest/api/3/issue/DEMO-2/remotelink', {
            query: { globalId: 'gh:1' },
          })
        ).status,
      ).toBe(204);
      expect(
        arr((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-2/remotelink')).json),
      ).toEqual([]);
    });

    it('pages the changelog and answers permissions per user', async () => {
      const log = obj(
        (
          await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-3/changelog', {
            query: { maxResults: '1' },
          })
        ).json,
      );
      expect(log).toMatchObject({ startAt: 0, maxResults: 1, total: 2, isLast: false });
      const query = { permissions: 'ADMINISTER_PROJECTS,BROWSE_PROJECTS', projectKey: 'DEMO' };
      const user = emulator.site('local').userByEmail(DEMO_USERS.user.email);
      const asUser = obj(
        (
          await callJson(
            emulator,
            { kind: 'user', accountId: user?.accountId ?? '' },
            'local',
            'GET',
            '/rest/api/3/mypermissions',
            { query },
          )
        ).json,
      );
      expect(obj(obj(asUser.permissions).ADMINISTER_PROJECTS).havePermission).toBe(false);
      expect(obj(obj(asUser.permissions).BROWSE_PROJECTS).havePermission).toBe(true);
      const asApp = obj(
        (await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/mypermissions', { query })).json,
      );
      expect(obj(obj(asApp.permissions).ADMINISTER_PROJECTS).havePermission).toBe(true);
    });

    it('edits, transitions and deletes an issue with Jira error shapes on bad input', async () => {
      const bad = await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1', {
        body: { fields: { nope: 1, summary: '' } },
      });
      expect(bad.status).toBe(400);
      expect(obj(bad.json)).toEqual({
        errorMessages: [],
        errors: {
          nope: "Field 'nope' cannot be set. It is not on the appropriate screen, or unknown.",
          summary: 'You must specify a summary of the issue.',
        },
      });
      const wrong = await callJson(emulator, APP, 'local', 'POST', '/rest/api/3/issue/DEMO-1/transitions', {
        body: { transition: { id: '31' } },
      });
      expect(obj(wrong.json).errorMessages).toEqual(["Transition id '31' is not valid for this issue."]);
      const returned = await callJson(emulator, APP, 'local', 'PUT', '/rest/api/3/issue/DEMO-1', {
        query: { returnIssue: 'true' },
        body: {
          fields: { priority: { name: 'High' }, assignee: null },
          update: { labels: [{ set: ['a', 'b'] }] },
        },
      });
      expect(obj(obj(returned.json).fields)).toMatchObject({ labels: ['a', 'b'], assignee: null });
      expect((await callJson(emulator, APP, 'local', 'DELETE', '/rest/api/3/issue/DEMO-1')).status).toBe(204);
      expect((await callJson(emulator, APP, 'local', 'GET', '/rest/api/3/issue/DEMO-1')).status).toBe(404);
    });
  });
});

describe('spec overlay', () => {
  it('patches exactly the four known defects of the platform document', () => {
    const parsed: unknown = JSON.parse(readFileSync(join(CONTRACTS, 'platform-openapi-v3.json'), 'utf8'));
    const spec = obj(parsed);
    const before = JSON.stringify(spec);
    patchPlatformSpec(spec);
    const schemas = obj(obj(spec.components).schemas);
    expect(obj(obj(obj(schemas.Fields).properties).issuetype)).toEqual({
      $ref: '#/components/schemas/IssueTypeDetails',
    });
    expect(obj(obj(obj(schemas.ChangeDetails).properties).from).nullable).toBe(true);
    expect(obj(obj(obj(schemas.Attachment).properties).created).anyOf).toHaveLength(2);
    const remote = obj(
      obj(
        obj(
          obj(obj(obj(obj(spec.paths)['/rest/api/3/issue/{issueIdOrKey}/remotelink']).get).responses)['200'],
        ).content,
      )['application/json'],
    );
    expect(obj(remote.schema).anyOf).toHaveLength(2);
    expect(JSON.stringify(spec)).not.toBe(before);
  });
});
