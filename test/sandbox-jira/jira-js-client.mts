/**
 * Drives the emulator with the real jira.js client. jira.js 6 is ESM-only (and officially wants Node 22), which
 * jest's CommonJS runtime cannot load, so the round-trip runs here in a child process (`node --import tsx`) and
 * reports to the test on stdout. `onSchemaMismatch: 'throw'` makes jira.js's own response schemas a second
 * contract check.
 *
 * Usage: node --import tsx jira-js-client.mts <host> <email> <apiToken>
 */
import assert from 'node:assert/strict';
import type * as JiraJs from 'jira.js/dist/index.js';

type Cloud = ReturnType<typeof JiraJs.createCloudClient>;

function isJiraJs(mod: unknown): mod is typeof JiraJs {
  return (
    typeof mod === 'object' &&
    mod !== null &&
    'createCloudClient' in mod &&
    typeof mod.createCloudClient === 'function'
  );
}

async function loadJiraJs(): Promise<typeof JiraJs> {
  // A computed specifier keeps TypeScript (node10 resolution, blind to `exports`) from resolving it; types come above.
  const specifier: string = 'jira.js';
  const mod: unknown = await import(specifier);
  if (!isJiraJs(mod)) throw new Error('jira.js did not load');
  return mod;
}

function doc(text: string): { type: 'doc'; version: number; content: Record<string, unknown>[] } {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/**
 * Responses are read as `unknown` and narrowed here: the checks are about what went over the wire, and jira.js's
 * generated types resolve differently under tsc and the lint project service for an ESM file in a CJS project.
 */
function rec(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value.map((v: unknown) => v);
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

async function searchAll(
  jira: Cloud,
  jql: string,
  maxResults: number,
): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let pages = 0;
  let nextPageToken: string | undefined;
  for (;;) {
    const page = rec(
      await jira.issueSearch.searchAndReconsileIssuesUsingJql({
        jql,
        maxResults,
        fields: ['summary', 'labels'],
        ...(nextPageToken ? { nextPageToken } : {}),
      }),
    );
    pages += 1;
    for (const issue of list(page.issues)) keys.push(str(rec(issue).key));
    if (page.isLast === true || typeof page.nextPageToken !== 'string') return { keys, pages };
    nextPageToken = page.nextPageToken;
  }
}

async function run(jira: Cloud): Promise<Record<string, unknown>> {
  const me = rec(await jira.myself.getCurrentUser());

  // Create and read back.
  const created = rec(
    await jira.issues.createIssue({
      fields: {
        project: { key: 'PARTNER' },
        issuetype: { name: 'Task' },
        summary: 'Created by jira.js',
        description: doc('Hello from jira.js'),
        labels: ['jirajs'],
      },
    }),
  );
  const key = str(created.key);
  const issue = rec(rec(await jira.issues.getIssue({ issueIdOrKey: key })).fields);
  assert.equal(issue.summary, 'Created by jira.js');
  assert.deepEqual(issue.labels, ['jirajs']);

  // More than 100 issues, then page through them with nextPageToken.
  for (let batch = 0; batch < 11; batch += 1) {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        jira.issues.createIssue({
          fields: {
            project: { key: 'PARTNER' },
            issuetype: { name: 'Task' },
            summary: `Bulk ${batch * 10 + i}`,
            labels: ['bulk'],
          },
        }),
      ),
    );
  }
  const paged = await searchAll(jira, 'project = PARTNER AND labels = bulk ORDER BY key ASC', 50);
  const capped = rec(
    await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
      jql: 'project = PARTNER AND labels = bulk',
      maxResults: 500,
      fields: ['summary'],
    }),
  );

  // Edit with field values and label update operations.
  await jira.issues.editIssue({
    issueIdOrKey: key,
    fields: { summary: 'Edited by jira.js' },
    update: { labels: [{ add: 'synced' }, { remove: 'jirajs' }] },
  });
  const edited = rec(
    rec(await jira.issues.getIssue({ issueIdOrKey: key, fields: ['summary', 'labels'] })).fields,
  );

  // Comments: add, edit, list, delete.
  const commentId = str(
    rec(await jira.issueComments.addComment({ issueIdOrKey: key, body: doc('First comment') })).id,
  );
  await jira.issueComments.updateComment({
    issueIdOrKey: key,
    id: commentId,
    body: { body: doc('Edited comment') },
  });
  const afterEdit = rec(await jira.issueComments.getComments({ issueIdOrKey: key }));
  await jira.issueComments.deleteComment({ issueIdOrKey: key, id: commentId });
  const afterDelete = rec(await jira.issueComments.getComments({ issueIdOrKey: key }));

  // Workflow.
  const transitions = list(rec(await jira.issues.getTransitions({ issueIdOrKey: key })).transitions).map(rec);
  // By the status it leads to: PARTNER's demo workflow names this transition "Start work".
  const start = transitions.find((t) => rec(t.to).name === 'In Progress');
  assert.ok(start, 'a transition to In Progress is available');
  await jira.issues.doTransition({ issueIdOrKey: key, transition: { id: str(start.id) } });
  const moved = rec(
    await jira.issues.getIssue({ issueIdOrKey: key, fields: ['status'], expand: 'changelog' }),
  );

  // Attachments.
  const uploaded = list(
    await jira.issueAttachments.addAttachment({
      issueIdOrKey: key,
      attachments: { filename: 'hello.txt', content: Buffer.from('hello attachment') },
    }),
  ).map(rec);
  const attachmentId = str(uploaded[0]?.id);
  const meta = rec(await jira.issueAttachments.getAttachment({ id: attachmentId }));
  const content = await jira.issueAttachments.getAttachmentContent({ id: attachmentId });
  await jira.issueAttachments.removeAttachment({ id: attachmentId });

  // Issue links.
  const otherKey = str(
    rec(
      await jira.issues.createIssue({
        fields: { project: { key: 'PARTNER' }, issuetype: { name: 'Bug' }, summary: 'Blocked one' },
      }),
    ).key,
  );
  const linkTypes = list(rec(await jira.issueLinkTypes.getIssueLinkTypes()).issueLinkTypes).map(rec);
  await jira.issueLinks.linkIssues({
    type: { name: 'Blocks' },
    inwardIssue: { key },
    outwardIssue: { key: otherKey },
  });
  const linked = rec(rec(await jira.issues.getIssue({ issueIdOrKey: key, fields: ['issuelinks'] })).fields);
  const linkId = str(rec(list(linked.issuelinks)[0]).id);
  const link = rec(await jira.issueLinks.getIssueLink({ linkId }));
  await jira.issueLinks.deleteIssueLink({ linkId });

  // Remote links upsert by globalId; the list comes back as an array.
  const remote = {
    issueIdOrKey: key,
    globalId: 'tandem:partner:1',
    object: { url: 'https://example.com/1', title: 'Remote 1' },
  };
  const r1 = rec(await jira.issueRemoteLinks.createOrUpdateRemoteIssueLink(remote));
  const r2 = rec(
    await jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({
      ...remote,
      object: { url: 'https://example.com/1', title: 'Remote 1 (renamed)' },
    }),
  );
  const remoteLinks: unknown = await jira.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: key });

  // Properties, changelog, permissions.
  await jira.issueProperties.setIssueProperty({
    issueIdOrKey: key,
    propertyKey: 'tandem',
    body: { pair: 'abc' },
  });
  const property = rec(
    await jira.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: 'tandem' }),
  );
  const changelog = list(rec(await jira.issues.getChangeLogs({ issueIdOrKey: key })).values).map(rec);
  const permissions = rec(
    rec(
      await jira.permissions.getMyPermissions({
        permissions: 'ADMINISTER_PROJECTS,BROWSE_PROJECTS',
        projectKey: 'PARTNER',
      }),
    ).permissions,
  );

  return {
    me: me.accountId,
    createdKey: key,
    pagedKeys: paged.keys,
    pages: paged.pages,
    cappedCount: list(capped.issues).length,
    cappedIsLast: capped.isLast,
    edited: { summary: edited.summary, labels: edited.labels },
    commentBodyAfterEdit: rec(list(afterEdit.comments)[0]).body,
    commentsAfterDelete: afterDelete.total,
    statusAfterTransition: rec(rec(moved.fields).status).name,
    changelogInIssue: list(rec(moved.changelog).histories).length,
    uploadedName: uploaded[0]?.filename,
    metaSize: meta.size,
    content: new TextDecoder().decode(content),
    linkTypeNames: linkTypes.map((t) => t.name),
    linkInward: rec(link.inwardIssue).key,
    linkOutward: rec(link.outwardIssue).key,
    remoteIds: [r1.id, r2.id],
    remoteLinks,
    property: property.value,
    changelogFields: changelog.flatMap((h) => list(h.items).map((i) => rec(i).field)),
    permissions: Object.fromEntries(Object.entries(permissions).map(([k, v]) => [k, rec(v).havePermission])),
  };
}

async function main(): Promise<void> {
  const [host, email, apiToken] = process.argv.slice(2);
  if (!host || !email || !apiToken) throw new Error('usage: jira-js-client.mts <host> <email> <apiToken>');
  const { createCloudClient } = await loadJiraJs();
  const jira = createCloudClient({
    host,
    auth: { type: 'basic', email, apiToken },
    onSchemaMismatch: 'throw',
  });
  process.stdout.write(JSON.stringify(await run(jira)));
}

main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err),
  );
  process.exitCode = 1;
});
