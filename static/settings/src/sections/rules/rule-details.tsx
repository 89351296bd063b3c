/** The details of one rule under its row: flags, defaults, the value map and the kind's own settings. */
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import type { Json } from '../../../../../src/core/model';
import { ErrorText, type FieldErrors } from '../../ui/field-errors';
import { FLAGS, kindInfo, str, type RuleDraft } from './rule-kinds';
import { ValueMapEditor } from './value-map-editor';

interface Props {
  index: number;
  rule: RuleDraft;
  errors: FieldErrors;
  onChange: (rule: RuleDraft) => void;
}

const DELETIONS = [
  { label: 'Delete the copy too', value: 'propagate' },
  { label: 'Keep the copy', value: 'keep' },
];

const ROUNDING = [
  { label: 'To the nearest minute', value: 'nearest' },
  { label: 'Up to the next minute', value: 'up' },
  { label: 'Down to the minute', value: 'down' },
];

function without(rule: RuleDraft, key: string): RuleDraft {
  return Object.fromEntries(Object.entries(rule).filter(([k]) => k !== key));
}

export function RuleDetails({ index, rule, errors, onChange }: Props) {
  const info = kindInfo(rule.kind);
  const set = (key: string, value: Json | undefined) => {
    onChange(value === undefined || value === '' ? without(rule, key) : { ...rule, [key]: value });
  };
  const text = (key: string, label: string, helper?: string) => {
    const id = `rule-${index}-${key}`;
    return (
      <div className="field" key={key}>
        <label htmlFor={id}>{label}</label>
        <Textfield
          id={id}
          isCompact
          value={str(rule, key)}
          isInvalid={errors.has(`${index}.${key}`)}
          onChange={(e) => {
            set(key, e.currentTarget.value);
          }}
        />
        {helper !== undefined && <span className="subtlest">{helper}</span>}
        <ErrorText errors={errors} path={`${index}.${key}`} />
      </div>
    );
  };
  const toggle = (key: string, label: string) => {
    const id = `rule-${index}-${key}`;
    return (
      <span className="toggle" key={key}>
        <Toggle
          id={id}
          size="regular"
          isChecked={rule[key] === true}
          onChange={() => {
            set(key, rule[key] === true ? undefined : true);
          }}
          label={label}
        />
        <label htmlFor={id}>{label}</label>
      </span>
    );
  };
  const kind = rule.kind;
  const map = Array.isArray(rule.map)
    ? rule.map.flatMap((r) =>
        typeof r === 'object' && r !== null && !Array.isArray(r)
          ? [{ local: r.local ?? '', remote: r.remote ?? '' }]
          : [],
      )
    : [];
  const deletions = DELETIONS.find((d) => d.value === rule.deletions) ?? null;
  const rounding = ROUNDING.find((r) => r.value === (rule.round ?? 'nearest')) ?? null;

  return (
    <div className="card">
      <div className="grid-2">
        {kind === 'default' && text('default', 'Default value', 'Used when the remote value is empty too')}
        {kind === 'messages' &&
          text('keyword', 'Send local comments containing', 'Leave empty with "all comments" on')}
        {kind === 'files' && text('prefix', 'Send local files whose name starts with')}
        {kind === 'message-from-field' && text('headline', 'Comment headline')}
        {kind === 'default-message' && text('text', 'Comment text')}
        {kind === 'worklogs' && (
          <div className="field">
            <label htmlFor={`rule-${index}-round`}>Part minutes round</label>
            <Select
              inputId={`rule-${index}-round`}
              spacing="compact"
              options={ROUNDING}
              value={rounding}
              onChange={(o) => {
                set('round', o?.value);
              }}
            />
          </div>
        )}
        {(kind === 'messages' || kind === 'files' || kind === 'worklogs') && (
          <div className="field">
            <label htmlFor={`rule-${index}-deletions`}>When the original is deleted</label>
            <Select
              inputId={`rule-${index}-deletions`}
              spacing="compact"
              options={DELETIONS}
              value={deletions}
              onChange={(o) => {
                set('deletions', o?.value);
              }}
            />
          </div>
        )}
        {info?.fields.map === true &&
          text('localDefault', 'Local default', 'Written locally when the remote value is empty')}
        {info?.fields.map === true &&
          text('remoteDefault', 'Remote default', 'Written remotely when the local value is empty')}
      </div>
      <div className="toggles">
        {kind === 'messages' && toggle('allOutgoing', 'Send all local comments')}
        {kind === 'hierarchy' && toggle('createParents', 'Also copy parents outside the sync')}
        {kind === 'two-way' && toggle('mergeSets', 'Merge lists (labels) instead of choosing a side')}
        {FLAGS.map((flag) => toggle(flag.key, flag.label))}
      </div>
      {info?.fields.map === true && (
        <ValueMapEditor
          id={`rule-${index}`}
          map={map}
          onChange={(next) => {
            set('map', next);
          }}
        />
      )}
      {kind === 'multi-to-remote' && (
        <p className="subtlest">Edit this rule’s table in the JSON export and import it back.</p>
      )}
    </div>
  );
}
