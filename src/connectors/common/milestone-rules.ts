/**
 * Whether the connection's rules let Tandem create, on the remote side, a milestone the repository or
 * project lacks (createMissing on a rule whose remote path is the milestone), as Jira versions are created
 * (connectors/jira/jira-fields.ts jiraFieldRules). Without it a missing milestone is an error on the pair.
 */
import type { Rule } from '../../core/schema/rules';

const isMilestone = (path: string): boolean => path === 'milestone' || path.startsWith('milestone.');

export const createsMissingMilestones = (rules: readonly Rule[]): boolean =>
  rules.some((r) => 'createMissing' in r && r.createMissing === true && isMilestone(r.remote));
