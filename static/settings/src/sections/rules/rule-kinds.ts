/**
 * The rule kinds as the table offers them, in trackersync's vocabulary, with the direction each one
 * moves values and what a rule of that kind starts with when an admin picks it.
 */
import type { Json } from '../../../../../src/core/model';
import type { RuleKind } from '../../../../../src/core/schema/rules';

/** A rule being edited: plain JSON, so a half-typed rule can exist until the schema accepts it. */
export type RuleDraft = Record<string, Json>;

export interface KindInfo {
  kind: RuleKind;
  label: string;
  direction: string;
  fields: { local: boolean; remote: boolean; map: boolean; conflict: boolean };
}

const f = (local: boolean, remote: boolean, map: boolean, conflict = false) => ({
  local,
  remote,
  map,
  conflict,
});

export const RULE_KINDS: readonly KindInfo[] = [
  { kind: 'two-way', label: 'Two-way', direction: '⇄ Both ways', fields: f(true, true, true, true) },
  { kind: 'one-way', label: 'One-way', direction: '← From remote', fields: f(true, true, true) },
  { kind: 'to-remote', label: 'To remote', direction: '→ To remote', fields: f(true, true, true) },
  { kind: 'default', label: 'Default', direction: '← When empty', fields: f(true, true, true) },
  {
    kind: 'multi-to-remote',
    label: 'Table to remote',
    direction: '→ To remote',
    fields: f(false, true, false),
  },
  { kind: 'messages', label: 'Comments', direction: '⇄ Both ways', fields: f(false, false, false) },
  { kind: 'files', label: 'Attachments', direction: '⇄ Both ways', fields: f(false, false, false) },
  { kind: 'links', label: 'Issue links', direction: '⇄ Both ways', fields: f(false, false, false) },
  { kind: 'worklogs', label: 'Work logs', direction: '⇄ Both ways', fields: f(false, false, false) },
  {
    kind: 'hierarchy',
    label: 'Parents and sub-tasks',
    direction: '⇄ Both ways',
    fields: f(false, false, false),
  },
  {
    kind: 'message-from-field',
    label: 'Comment from field',
    direction: '← From remote',
    fields: f(false, true, false),
  },
  {
    kind: 'default-message',
    label: 'Comment on create',
    direction: '← On create',
    fields: f(false, false, false),
  },
];

export const kindInfo = (kind: Json | undefined): KindInfo | undefined =>
  RULE_KINDS.find((k) => k.kind === kind);

export const str = (rule: RuleDraft, key: string): string => {
  const v = rule[key];
  return typeof v === 'string' ? v : '';
};

/** Switching kind keeps the fields both kinds share and fills what the new kind needs. */
export function withKind(rule: RuleDraft, kind: RuleKind): RuleDraft {
  const local = str(rule, 'local');
  const remote = str(rule, 'remote');
  switch (kind) {
    case 'two-way':
      return { kind, local, remote, conflict: 'remote-wins' };
    case 'one-way':
    case 'to-remote':
      return { kind, local, remote };
    case 'default':
      return { kind, local, remote, default: '' };
    case 'multi-to-remote':
      return { kind, locals: [local], remote, table: [{ match: [null], value: '' }] };
    case 'messages':
      return { kind, allOutgoing: true };
    case 'files':
    case 'links':
      return { kind };
    case 'worklogs':
      return { kind, round: 'nearest' };
    case 'hierarchy':
      return { kind, createParents: false };
    case 'message-from-field':
      return { kind, remote, headline: 'From the remote issue' };
    case 'default-message':
      return { kind, text: 'Created from the remote tracker.' };
  }
}

export const FLAGS: readonly { key: string; label: string }[] = [
  { key: 'onlyCreate', label: 'Only when creating the remote issue' },
  { key: 'onlyUpdate', label: 'Never when creating the remote issue' },
  { key: 'localOnlyCreate', label: 'Only when creating the local issue' },
  { key: 'localOnlyUpdate', label: 'Never when creating the local issue' },
  { key: 'onlyAssigned', label: 'Only while assigned to the remote account' },
  { key: 'afterCreate', label: 'Again right after the remote issue is created' },
];
