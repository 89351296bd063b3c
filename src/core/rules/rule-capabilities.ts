/**
 * Rules that need what the remote tracker lacks, found when a connection is saved rather than as a failing
 * write in every cycle: a files rule needs attachments, a links rule issue links, a worklogs rule work
 * logs, a hierarchy rule parents (which the engine would otherwise skip without a word). The local side is
 * Jira, which has all four. The declarations are the connectors' own
 * (TrackerPort.capabilities, the same value the connector registry holds), so validation and behaviour
 * cannot drift apart.
 */
import { CAPABILITY_NAMES, type Capability, type TrackerCapabilities } from '../capabilities';
import type { Rule } from '../schema/rules';

/** What each kind of rule needs from the remote tracker. */
const NEEDS: Partial<Record<Rule['kind'], Capability>> = {
  files: 'attachments',
  links: 'issueLinks',
  worklogs: 'worklogs',
  hierarchy: 'hierarchy',
};

export interface RuleCapabilityProblem {
  /** Where the rule is, as the settings page names fields: `rules.3`. */
  path: string;
  message: string;
}

/** `tracker` names the remote kind for people: "GitHub". */
export function ruleCapabilityProblems(
  rules: readonly Rule[],
  tracker: string,
  capabilities: TrackerCapabilities,
): RuleCapabilityProblem[] {
  return rules.flatMap((rule, index) => {
    const need = NEEDS[rule.kind];
    if (need === undefined || capabilities[need]) return [];
    return [
      {
        path: `rules.${index}`,
        message: `the ${rule.kind} rule needs ${CAPABILITY_NAMES[need]}, which ${tracker} trackers do not have (capability "${need}"); remove the rule from this ${tracker} connection`,
      },
    ];
  });
}
