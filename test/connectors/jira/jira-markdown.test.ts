/**
 * Markdown from GitHub, GitLab and Redmine reaching Jira: descriptions and comments become ADF through the
 * shared converter, valid against Atlassian's schema, and an update answers the description as Jira holds
 * it (the engine's base). Against the contract-checked emulator over HTTP, through the real JiraTracker.
 */
import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { toAdf, withAttribution } from '../../../src/connectors/jira/jira-adf';
import { markdownToAdf } from '../../../src/connectors/markdown';
import { adfProblem } from '../../../sandbox/jira/adf/validate-adf';
import { startSeeded, type Harness } from '../../sandbox-jira/harness';
import { nodeFetch } from '../node-fetch';
import { adminTracker } from './admin-tracker';

const MARKDOWN = [
  '# Steps',
  'Press **Save**, then *wait* and run `npm test`; see [the docs](https://example.com/docs).',
  '- one\n- two\n  1. nested',
  '- [ ] todo\n- [x] done',
  '```ts\nconst x = 1;\n```',
  '| a | b |\n| --- | --- |\n| 1 | 2 |',
  '> quoted\n\n---\n\nline one\\\nline two <b>not html</b>',
].join('\n\n');

describe('ADF for Markdown bodies', () => {
  it('converts Markdown, not just paragraphs, and every document validates', () => {
    const doc = toAdf(MARKDOWN);
    expect(doc).toEqual(markdownToAdf(MARKDOWN));
    expect(JSON.stringify(doc)).toContain('"type":"heading"');
    expect(JSON.stringify(doc)).toContain('"type":"strong"');
    for (const body of [MARKDOWN, '', 'plain text', '*', '<!-- only a comment -->', null, { x: 1 }, 42])
      expect(adfProblem(toAdf(body))).toBeUndefined();
    expect(adfProblem(withAttribution(MARKDOWN, 'Ana wrote in GitHub:'))).toBeUndefined();
  });
});

describe('JiraTracker with Markdown from a partner', () => {
  let jira: Harness;
  let tracker: JiraTracker;
  beforeAll(async () => {
    jira = await startSeeded();
    tracker = adminTracker(jira.server.siteUrl('local'), 'DEMO', 'Jira (test)', nodeFetch);
  });
  afterAll(async () => {
    await jira.close();
  });

  it('stores descriptions and comments as valid ADF and answers an update with what it holds', async () => {
    const created = await tracker.createIssue({ summary: 'From GitHub', description: MARKDOWN }, 'c1:r:1');
    expect(created.fields.description).toEqual(markdownToAdf(MARKDOWN));
    expect(adfProblem(created.fields.description)).toBeUndefined();

    const held = await tracker.updateIssue(created.id, { description: 'Now **bold**', summary: 'Renamed' });
    const [read] = await tracker.getIssues([created.id]);
    expect(read?.fields.description).toEqual(markdownToAdf('Now **bold**'));
    expect(held).toEqual({ description: read?.fields.description, summary: 'Renamed' });

    const comment = await tracker.addComment(created.id, MARKDOWN, 'c1:rc:9', 'Ana wrote in GitHub:');
    expect(adfProblem(comment.body)).toBeUndefined();
    expect(JSON.stringify(comment.body)).toContain('"type":"table"');
    expect(jira.emulator.contractViolations).toEqual([]);
  });
});

it('answers with the ADF it sent when Jira answers an edit with no body (Data Center)', async () => {
  const sent: string[] = [];
  const tracker = new JiraTracker({
    transport: (path, init) => {
      sent.push(`${init.method} ${path}`);
      return Promise.resolve({
        status: 204,
        headers: { get: () => null },
        text: () => Promise.resolve(''),
        arrayBuffer: () => Promise.resolve(new ArrayBuffer(0)),
      });
    },
    label: 'Jira Data Center (test)',
    browseBase: 'https://jira.example.com',
    project: 'DEMO',
  });
  expect(await tracker.updateIssue('10001', { description: 'x **y**', summary: 's' })).toEqual({
    description: markdownToAdf('x **y**'),
  });
  expect(sent).toEqual(['PUT /rest/api/3/issue/10001?notifyUsers=false&returnIssue=true']);
});
