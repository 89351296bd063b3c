/**
 * No query Tandem builds ever leaves its scope, whatever a person types or an admin writes, shown two ways:
 *
 * - On the query text, read by the emulator's JQL lexer (which decodes strings as Jira does): at the top
 *   level, outside every parenthesis and string, a query is exactly its skeleton, `project = "P" AND (…)`
 *   plus the builder's own clauses. A hostile value either stays inside its string literal or is refused.
 * - Against the emulator, on a partner site that also holds project SECRET: `findIssue` with a hostile ref
 *   answers only for PARTNER's issues, sends only skeleton-shaped queries, and sends nothing at all for a
 *   ref that is not an id or key as it stands.
 */
import fc from 'fast-check';
import { TrackerError } from '../../../src/core/errors';
import { JiraTracker } from '../../../src/connectors/jira/jira-tracker';
import { jql, quote } from '../../../src/connectors/jira/jql';
import type { FetchLike } from '../../../src/connectors/jira/remote-transport';
import {
  DEMO_USERS,
  JiraEmulator,
  seedDemo,
  serveJiraEmulator,
  type JiraHttpServer,
} from '../../../sandbox/jira';
import { createIssue } from '../../../sandbox/jira/domain/issue-ops';
import { tokenize } from '../../../sandbox/jira/jql/lexer';
import { nodeFetch } from '../node-fetch';
import { adminTracker } from './admin-tracker';

jest.setTimeout(120_000);

/** Pieces an attacker would try, glued to each other and to real ids and keys by the arbitraries below. */
const HOSTILE = [
  '"',
  "'",
  '\\',
  '\\"',
  '(',
  ')',
  ') OR (',
  ' OR project = SECRET',
  ' or ',
  ') AND (key = SECRET-1',
  ' ORDER BY created',
  ' order by key',
  ',',
  ', 10001',
  ' = ',
  '!=',
  '~',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u2028',
  '\uFEFF',
  'é',
  'ＳＥＣＲＥＴ－１',
  '🙂',
  '\\u0022',
  '\\n',
  'EMPTY',
  'currentUser()',
  ' AND id in (1',
];

const hostile = (extra: fc.Arbitrary<string>[] = []) =>
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE), ...extra), { minLength: 1, maxLength: 8 })
      .map((p) => p.join('')),
    fc.integer({ min: 2_000, max: 5_000 }).map((n) => `1) OR (${'x'.repeat(n)}`),
  );

/** The tokens outside every parenthesis, with string literals as `"…"` (their content cannot matter there). */
function topLevel(query: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const t of tokenize(query)) {
    if (t.kind === 'eof') break;
    if (t.kind === 'rparen') depth -= 1;
    if (depth < 0) throw new Error(`unbalanced ')' in ${query}`);
    if (depth === 0)
      out.push(t.kind === 'string' ? `"${t.text}"` : t.kind === 'lparen' ? '(' : t.text.toUpperCase());
    if (t.kind === 'lparen') depth += 1;
  }
  if (depth !== 0) throw new Error(`unbalanced '(' in ${query}`);
  return out;
}

/** Builds, or says why it refused: a refusal is a TrackerError naming the bad value, never anything else. */
function built(build: () => string): string | undefined {
  try {
    return build();
  } catch (err) {
    expect(err).toBeInstanceOf(TrackerError);
    expect((err as TrackerError).code).toBe('invalid_request');
    return undefined;
  }
}

describe('the JQL the builder writes', () => {
  it('holds any string as exactly one string literal', () => {
    fc.assert(
      fc.property(hostile(), (value) => {
        const tokens = tokenize(`summary = ${quote(value)}`);
        expect(tokens.map((t) => t.kind)).toEqual(['word', 'op', 'string', 'eof']);
        expect(tokens[2]?.text).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any filter inside its parentheses, after the project', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        hostile([fc.constant('labels = x')]),
        fc.option(fc.nat({ max: 100_000 })),
        (filter, since) => {
          const query = built(() => jql.updatedSince({ project: 'PARTNER', filter }, since ?? undefined));
          if (query === undefined) return;
          const window = since === null ? [] : ['AND', 'UPDATED', '>=', `"-${String(since)}m"`];
          const skeleton = ['PROJECT', '=', '"PARTNER"'];
          const withFilter = filter.trim() === '' ? skeleton : [...skeleton, 'AND', '(', ')'];
          let tokens: string[];
          try {
            tokens = topLevel(query);
          } catch {
            return; // Jira's parser refuses what its lexer cannot read: a 400, nothing searched.
          }
          checked += 1;
          expect(tokens).toEqual([
            ...withFilter,
            ...window,
            'ORDER',
            'BY',
            'UPDATED',
            'ASC',
            ',',
            'KEY',
            'ASC',
          ]);
        },
      ),
      { numRuns: 500 },
    );
    // Most runs must reach the check: a property that returns early every time proves nothing.
    expect(checked).toBeGreaterThan(200);
  });

  it('takes ids only as digits and projects only as project keys', () => {
    fc.assert(
      fc.property(hostile([fc.constant('10001')]), hostile([fc.constant('PARTNER')]), (id, project) => {
        const one = built(() => jql.idInScope({ project }, id));
        if (one !== undefined) {
          expect(id).toMatch(/^\d+$/);
          expect(project).toMatch(/^[A-Z][A-Z0-9_]*$/);
          expect(topLevel(one)).toEqual(['PROJECT', '=', `"${project}"`, 'AND', 'ID', '=', id]);
        }
        const many = built(() => jql.byIds([id, '10002']));
        if (many !== undefined) expect(topLevel(many)).toEqual(['ID', 'IN', '(', ')']);
        if (many !== undefined)
          expect(
            tokenize(many)
              .filter((t) => t.kind === 'word')
              .map((t) => t.text),
          ).toEqual(['id', 'in', id, '10002']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('findIssue on a partner site that also holds project SECRET', () => {
  let emulator: JiraEmulator;
  let server: JiraHttpServer;
  let tracker: JiraTracker;
  const queries: string[] = [];
  let requests = 0;
  const partner = new Map<string, string>(); // id → key
  const secret = new Map<string, string>();

  const recording: FetchLike = async (url, init) => {
    requests += 1;
    if (new URL(url).pathname.endsWith('/search/jql') && typeof init.body === 'string') {
      const body: unknown = JSON.parse(init.body);
      if (typeof body === 'object' && body !== null && 'jql' in body && typeof body.jql === 'string')
        queries.push(body.jql);
    }
    return nodeFetch(url, init);
  };

  beforeAll(async () => {
    emulator = new JiraEmulator({ contract: true });
    seedDemo(emulator);
    const site = emulator.site('partner');
    const admin = site.userByEmail(DEMO_USERS.admin.email);
    if (!admin) throw new Error('no partner admin');
    site.addProject({ key: 'SECRET', name: 'Secret', leadAccountId: admin.accountId });
    const actor = {
      identity: { kind: 'user' as const, accountId: admin.accountId },
      accountId: admin.accountId,
      byApp: false,
    };
    for (let i = 0; i < 5; i++)
      createIssue(site, actor, {
        fields: { project: { key: 'SECRET' }, issuetype: { name: 'Task' }, summary: `Secret ${String(i)}` },
      });
    for (const issue of Object.values(site.state.issues))
      (issue.key.startsWith('SECRET-') ? secret : partner).set(issue.id, issue.key);
    server = await serveJiraEmulator(emulator);
    tracker = adminTracker(server.siteUrl('partner'), 'PARTNER', 'partner (test)', recording);
  });
  afterAll(async () => {
    await server.close();
    expect(emulator.contractViolations).toEqual([]);
  });

  it('answers only for PARTNER issues, whatever is typed', async () => {
    const real = fc.constantFrom(
      ...partner.keys(),
      ...partner.values(),
      ...secret.keys(),
      ...secret.values(),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(real, hostile([real])), async (ref) => {
        queries.length = 0;
        requests = 0;
        const answer = await tracker.findIssue(ref);
        const exact = /^\d+$/.test(ref) || /^[A-Z][A-Z0-9_]*-\d+$/.test(ref);
        if (!exact) {
          expect(answer.outcome).toBe('invalid');
          expect(requests).toBe(0);
          return;
        }
        const expected = partner.get(ref) ?? ([...partner.values()].includes(ref) ? ref : undefined);
        if (expected === undefined) expect(answer).toEqual({ outcome: 'not-in-connection' });
        else expect(answer).toMatchObject({ outcome: 'found', issue: { key: expected } });
        for (const q of queries) {
          const top = topLevel(q);
          expect(top.slice(0, 6)).toEqual(['PROJECT', '=', '"PARTNER"', 'AND', 'ID', '=']);
          expect(top).toHaveLength(7);
        }
      }),
      { numRuns: 150 },
    );
  });
});
