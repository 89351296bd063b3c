/**
 * Rule validation reads the connectors' own capability declarations: a rule that needs what the remote
 * kind lacks is found, naming the rule, the kind and the capability; the same rule on a kind that has it is not.
 */
import { CONNECTORS } from '../../src/connectors/registry';
import { ruleCapabilityProblems } from '../../src/core/rules/rule-capabilities';
import { RuleListSchema } from '../../src/core/schema/rules';
import { TrackerKindSchema } from '../../src/core/schema/connection';

const rules = RuleListSchema.parse([
  { kind: 'two-way', local: 'summary', remote: 'title' },
  { kind: 'files' },
  { kind: 'links' },
]);

it('refuses a files rule on GitHub and GitLab, naming the rule, the kind and the capability', () => {
  for (const kind of ['github', 'gitlab'] as const) {
    const def = CONNECTORS[kind];
    const problems = ruleCapabilityProblems(rules, def.label, def.capabilities);
    expect(problems.map((p) => p.path)).toEqual(['rules.1', 'rules.2']);
    expect(problems[0]?.message).toMatch(
      new RegExp(`files rule needs attachments.*${def.label}.*"attachments"`),
    );
    expect(problems[1]?.message).toMatch(
      new RegExp(`links rule needs issue links.*${def.label}.*"issueLinks"`),
    );
  }
});

it('refuses a hierarchy rule where the kind has no parents (GitLab), and takes it on GitHub (sub-issues)', () => {
  const tree = RuleListSchema.parse([{ kind: 'hierarchy' }]);
  const gitlab = ruleCapabilityProblems(tree, 'GitLab', CONNECTORS.gitlab.capabilities);
  expect(gitlab).toEqual([
    {
      path: 'rules.0',
      message:
        'the hierarchy rule needs parents and sub-tasks, which GitLab trackers do not have (capability "hierarchy"); remove the rule from this GitLab connection',
    },
  ]);
  expect(ruleCapabilityProblems(tree, 'GitHub', CONNECTORS.github.capabilities)).toEqual([]);
});

it('takes every rule a kind can carry out, by the same declarations the trackers carry', () => {
  expect(ruleCapabilityProblems(rules, 'Jira', CONNECTORS.jira.capabilities)).toEqual([]);
  expect(
    ruleCapabilityProblems(rules, 'Redmine', CONNECTORS.redmine.capabilities).map((p) => p.path),
  ).toEqual(['rules.2']);
  for (const kind of TrackerKindSchema.options) {
    const { capabilities } = CONNECTORS[kind];
    expect(ruleCapabilityProblems(rules, kind, capabilities).length).toBe(
      Number(!capabilities.attachments) + Number(!capabilities.issueLinks),
    );
  }
});
