/**
 * The table of Jira endpoints (src/platform/jira/jira-endpoints.ts) is what `npm run check:forge` hands to
 * @forge/lint's permission verifier, since the linter cannot read the connector's computed paths. These
 * tests keep it whole: every JiraClient call written in src is in it with its method, and the Forge
 * transport refuses what is not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { findJiraEndpoint, JIRA_ENDPOINTS } from '../../src/platform/jira/jira-endpoints';
import { forgeJiraTransport } from '../../src/platform/jira/forge-jira-transport';
import { TrackerError } from '../../src/core/errors';

const SRC = join(__dirname, '..', '..', 'src');
const CLIENT_METHODS = new Set(['json', 'jsonOrNothing', 'empty', 'bytes']);

interface WrittenCall {
  where: string;
  method: string;
  path: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A path as written, with each `${…}` as one sample segment: `/rest/api/3/issue/${id}` → `/rest/api/3/issue/x1`. */
function pathOf(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((span) => `x1${span.literal.text}`).join('');
  return undefined;
}

/** `method: 'POST'` in the call's options object literal; JiraClient's default is GET. */
function methodOf(options: ts.Expression | undefined): string {
  if (!options || !ts.isObjectLiteralExpression(options)) return 'GET';
  for (const property of options.properties)
    if (
      ts.isPropertyAssignment(property) &&
      ts.isIdentifier(property.name) &&
      property.name.text === 'method' &&
      ts.isStringLiteralLike(property.initializer)
    )
      return property.initializer.text;
  return 'GET';
}

/** Every JiraClient call in src whose path is written out: `client.json('/rest/…', schema, { method })`. */
function writtenJiraCalls(): WrittenCall[] {
  const calls: WrittenCall[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        CLIENT_METHODS.has(node.expression.name.text)
      ) {
        const [first, second, third] = node.arguments;
        const path = first && pathOf(first);
        if (path?.startsWith('/rest/')) {
          // json and jsonOrNothing take (path, schema, options); empty takes (path, options); bytes (path).
          const options = node.expression.name.text === 'empty' ? second : third;
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          calls.push({ where: `${relative(SRC, file)}:${line}`, method: methodOf(options), path });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

describe('Jira endpoints the app calls through requestJira', () => {
  const calls = writtenJiraCalls();

  it('finds the connector, user resolver, project directory and devinfo calls (so the scan cannot pass empty)', () => {
    expect(calls.length).toBeGreaterThanOrEqual(JIRA_ENDPOINTS.length);
    expect(calls.some((c) => c.path.startsWith('/rest/devinfo/0.10/'))).toBe(true);
  });

  it('lists every JiraClient call written in src with its method', () => {
    // REST v2 is Data Center's API, reached by fetch on a remote site (remote-transport.ts), never through
    // Forge, whose transport refuses paths the table lacks.
    const unlisted = calls
      .filter((c) => !c.path.startsWith('/rest/api/2/'))
      .filter((c) => !findJiraEndpoint(c.method, c.path))
      .map((c) => `${c.method} ${c.path} (${c.where})`);
    expect(unlisted).toEqual([]);
  });

  it('has no entry that no call uses', () => {
    const unused = JIRA_ENDPOINTS.filter(
      (e) => !calls.some((c) => findJiraEndpoint(c.method, c.path) === e),
    ).map((e) => `${e.method} ${e.path}`);
    expect(unused).toEqual([]);
  });

  it('matches a parameter as one segment, ignores the query string, and tells methods apart', () => {
    expect(findJiraEndpoint('GET', '/rest/api/3/issue/10001/comment?startAt=0&maxResults=100')?.path).toBe(
      '/rest/api/3/issue/{issueIdOrKey}/comment',
    );
    expect(findJiraEndpoint('DELETE', '/rest/api/3/issue/10001/comment/10002')?.path).toBe(
      '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    );
    expect(findJiraEndpoint('DELETE', '/rest/api/3/issue/10001')).toBeUndefined();
    expect(findJiraEndpoint('GET', '/rest/api/3/issue/10001/comment/10002/extra')).toBeUndefined();
    expect(findJiraEndpoint('GET', '/rest/api/3/issue/a/b')).toBeUndefined();
  });

  it('Forge transport refuses an unlisted call before it reaches Jira, naming it, and not as retryable', async () => {
    const refused = await forgeJiraTransport('/rest/api/3/project/DEMO?expand=lead', {
      method: 'DELETE',
    }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TrackerError);
    expect((refused as TrackerError).isRetryable).toBe(false);
    expect((refused as TrackerError).message).toBe(
      'DELETE /rest/api/3/project/DEMO is not in src/platform/jira/jira-endpoints.ts; list it there so check:forge checks its scope',
    );
  });
});
