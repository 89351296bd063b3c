/**
 * Which rules let GitHub and GitLab create a milestone their repository or project lacks: createMissing on a
 * rule that writes the remote milestone, and no other.
 */
import { createsMissingMilestones } from '../../../src/connectors/common/milestone-rules';
import { RuleListSchema } from '../../../src/core/schema/rules';

const rules = (...list: unknown[]) => RuleListSchema.parse(list);

it('creates missing milestones only where a milestone rule says createMissing', () => {
  const milestone = { kind: 'two-way', local: 'fixVersions', remote: 'milestone.title' };
  expect(createsMissingMilestones(rules({ ...milestone, createMissing: true }))).toBe(true);
  expect(createsMissingMilestones(rules({ ...milestone, remote: 'milestone', createMissing: true }))).toBe(
    true,
  );
  expect(createsMissingMilestones(rules(milestone))).toBe(false);
  expect(createsMissingMilestones(rules({ ...milestone, createMissing: false }))).toBe(false);
  // createMissing on another field does not reach the milestone.
  expect(
    createsMissingMilestones(
      rules(milestone, { kind: 'two-way', local: 'labels', remote: 'milestones', createMissing: true }),
    ),
  ).toBe(false);
});
