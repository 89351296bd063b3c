/**
 * The rule sets new connections start with: each parses, each names only fields its connector reads and
 * writes, and the GitHub set between fakes (ADF on one side, Markdown and GitHub's status on the other)
 * carries status both ways and then writes nothing. The settings page's draft follows the chosen kind.
 */
import { toGhWrite } from '../../src/connectors/github/github-write';
import { toGlWrite } from '../../src/connectors/gitlab/gitlab-write';
import { toAdoOperations } from '../../src/connectors/azure-devops/ado-write';
import { adfToMarkdown, markdownToAdf } from '../../src/connectors/markdown';
import { isAdfDoc } from '../../src/connectors/markdown/adf-node';
import { toRedmineWrite } from '../../src/connectors/redmine/redmine-write';
import { idOf, toGrWrite } from '../../src/connectors/gropius/gropius-write';
import { GropiusStore, seedDefaultTemplate } from '../../sandbox/gropius/gropius-store';
import type { Json } from '../../src/core/model';
import { ConnectionSchema, TrackerKindSchema, type TrackerKind } from '../../src/core/schema/connection';
import { DEFAULT_RULES } from '../../src/core/schema/default-rules';
import { RuleListSchema } from '../../src/core/schema/rules';
import { CONNECTORS } from '../../src/connectors/registry';
import { ruleCapabilityProblems } from '../../src/core/rules/rule-capabilities';
import { localToRemote } from '../../src/core/value-map';
import { newConnection, withKind } from '../../static/settings/src/sections/connections/connection-draft';
import { makeWorld, partnerOf } from './harness';

const GROPIUS_TEMPLATE = seedDefaultTemplate(new GropiusStore());
const users = { explicit: new Map([['acc-ana', '7']]) };
const CATALOG = {
  projectId: 1,
  statuses: ['New', 'In Progress', 'Resolved', 'Feedback', 'Closed', 'Rejected'].map((name, i) => ({
    id: i + 1,
    name,
  })),
  priorities: ['Low', 'Normal', 'High', 'Urgent', 'Immediate'].map((name, i) => ({ id: i + 1, name })),
  trackers: [{ id: 1, name: 'Bug' }],
  customFields: [],
  customFieldsFromAdminList: true,
};

/** What each connector's writer makes of a value on every remote path the defaults write. */
const WRITERS: Record<Exclude<TrackerKind, 'jira'>, (patch: Record<string, Json>) => unknown> = {
  github: (p) => toGhWrite(p, users, 'GitHub', {}),
  gitlab: (p) => toGlWrite(p, users, 'GitLab', {}),
  redmine: (p) => toRedmineWrite(p, CATALOG, users, 'Redmine'),
  'azure-devops': (p) => toAdoOperations(p, { users, label: 'Azure DevOps' }),
  // Names are checked against the sandbox Gropius' template, as the tracker resolves them before a write.
  gropius: (p) => {
    const w = toGrWrite(p, 'Gropius', {});
    if (w.state !== undefined) idOf(GROPIUS_TEMPLATE.states, w.state, 'state', 'Gropius');
    if (w.priority) idOf(GROPIUS_TEMPLATE.priorities, w.priority, 'priority', 'Gropius');
    if (w.type !== undefined) idOf(GROPIUS_TEMPLATE.types, w.type, 'type', 'Gropius');
    return w;
  },
};

describe('default rules', () => {
  it.each(TrackerKindSchema.options)('for %s parse and start a valid connection', (kind) => {
    expect(RuleListSchema.safeParse(DEFAULT_RULES[kind]).success).toBe(true);
    const connection = ConnectionSchema.parse(newConnection('DEMO', kind));
    expect(connection.remote.kind).toBe(kind);
    expect(connection.rules.length).toBe(DEFAULT_RULES[kind].length);
  });

  it.each(['github', 'gitlab', 'redmine', 'azure-devops', 'gropius'] as const)(
    'for %s write only what the connector can, every mapped value included',
    (kind) => {
      const rules = RuleListSchema.parse(DEFAULT_RULES[kind]);
      for (const rule of rules) {
        if (rule.kind !== 'two-way') continue;
        // What a local value becomes on the remote side: every row's, and an unknown status's.
        const map = rule.map;
        const values: Json[] = map
          ? map.map((row) => localToRemote(map, row.local === '*' ? 'Some other status' : row.local) ?? null)
          : [rule.local === 'assignee' ? { id: 'acc-ana' } : rule.local === 'labels' ? ['a'] : 'text'];
        for (const value of values) expect(() => WRITERS[kind]({ [rule.remote]: value })).not.toThrow();
      }
      expect(rules.some((r) => r.kind === 'messages')).toBe(true);
      // GitHub and GitLab issues have no attachment list: a files rule would only fail.
      expect(rules.some((r) => r.kind === 'files')).toBe(kind === 'redmine' || kind === 'azure-devops');
    },
  );

  it.each(TrackerKindSchema.options)('for %s need only what its connector declares', (kind) => {
    const def = CONNECTORS[kind];
    expect(
      ruleCapabilityProblems(RuleListSchema.parse(DEFAULT_RULES[kind]), def.label, def.capabilities),
    ).toEqual([]);
  });

  it('for Redmine book time and keep parents, which Redmine declares (#15)', () => {
    const kinds = RuleListSchema.parse(DEFAULT_RULES.redmine).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['worklogs', 'hierarchy']));
    expect(CONNECTORS.redmine.capabilities).toMatchObject({ worklogs: true, hierarchy: true });
  });

  it('for GitHub carry status and its reason both ways between ADF and Markdown, then stay quiet', async () => {
    const w = makeWorld(
      { rules: DEFAULT_RULES.github, remote: { kind: 'github', project: 'acme/widgets' } },
      {
        local: {
          richText: {
            paths: ['description'],
            convert: (v) => (typeof v === 'string' ? markdownToAdf(v) : v),
          },
        },
        remote: { richText: { paths: ['body'], convert: (v) => (isAdfDoc(v) ? adfToMarkdown(v) : v) } },
      },
    );
    const l = w.local.userCreate({
      summary: 'Paint peels',
      description: markdownToAdf('It **peels** after a week'),
      status: { name: 'In Progress' },
      labels: ['ui'],
      assignee: null,
    });
    await w.cycle();
    const r = partnerOf(w, l.id)!;
    expect(r.fields).toEqual(
      expect.objectContaining({ title: 'Paint peels', body: 'It **peels** after a week', status: 'open' }),
    );

    // Closed as not planned on GitHub: Done in Jira, and Done does not turn it into "completed".
    w.remote.userEdit(r.id, { status: 'not_planned' });
    await w.cycle();
    expect(w.local.snapshot().find((i) => i.id === l.id)?.fields.status).toEqual({ name: 'Done' });
    w.local.resetCalls();
    w.remote.resetCalls();
    for (let i = 0; i < 3; i++) await w.cycle();
    expect(w.local.writes + w.remote.writes).toBe(0);

    w.local.userEdit(l.id, { status: { name: 'To Do' } });
    await w.cycle();
    expect(partnerOf(w, l.id)?.fields.status).toBe('open');
  });
});

describe('a new connection in the settings page', () => {
  it('takes the chosen kind’s defaults while the admin has not changed them', () => {
    const jira = { ...newConnection('DEMO', 'jira'), id: 'demo-jira-2' };
    const github = withKind(jira, 'github');
    expect(github).toEqual(expect.objectContaining({ id: 'demo-github-2', name: 'DEMO ↔ GitHub' }));
    expect(github.rules).toEqual(newConnection('DEMO', 'github').rules);

    const edited = { ...github, name: 'Widgets', rules: github.rules.slice(0, 1) };
    const redmine = withKind(edited, 'redmine');
    expect(redmine).toEqual(
      expect.objectContaining({ id: 'demo-redmine-2', name: 'Widgets', rules: edited.rules }),
    );
    expect(redmine.remote.kind).toBe('redmine');
  });
});
