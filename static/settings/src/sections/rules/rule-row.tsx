/** One rule as a table row: kind, local field, remote field, direction, conflict policy, flags, actions. */
import { IconButton } from '@atlaskit/button/new';
import ArrowDownIcon from '@atlaskit/icon/core/arrow-down';
import ArrowUpIcon from '@atlaskit/icon/core/arrow-up';
import DeleteIcon from '@atlaskit/icon/core/delete';
import EditIcon from '@atlaskit/icon/core/edit';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import { ConflictPolicySchema } from '../../../../../src/core/schema/rules';
import { ErrorText, type FieldErrors } from '../../ui/field-errors';
import { FieldPicker, type PickerField } from './field-picker';
import { FLAGS, kindInfo, RULE_KINDS, str, withKind, type RuleDraft } from './rule-kinds';

interface Props {
  index: number;
  count: number;
  rule: RuleDraft;
  /** Each side's fields for its picker. */
  fields: readonly PickerField[];
  remoteFields: readonly PickerField[];
  errors: FieldErrors;
  open: boolean;
  onChange: (rule: RuleDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onToggle: () => void;
}

const KIND_OPTIONS = RULE_KINDS.map((k) => ({ label: k.label, value: k.kind }));
const CONFLICT_LABELS: Record<string, string> = {
  'remote-wins': 'Remote wins',
  'local-wins': 'Local wins',
  'newest-wins': 'Newest wins',
  manual: 'Ask a person',
};
const CONFLICT_OPTIONS = ConflictPolicySchema.options.map((p) => ({
  label: CONFLICT_LABELS[p] ?? p,
  value: p,
}));

export function RuleRow(props: Props) {
  const { index, count, rule, fields, remoteFields, errors, open, onChange } = props;
  const info = kindInfo(rule.kind);
  const at = (key: string) => `${index}.${key}`;
  const flags = FLAGS.filter((f) => rule[f.key] === true).map((f) => f.key);
  if (rule.mergeSets === true) flags.unshift('merge lists');
  const details =
    errors.size > 0 &&
    [...errors.keys()].some(
      (k) =>
        k.startsWith(`${index}.`) &&
        !['local', 'remote', 'kind', 'conflict'].includes(k.slice(`${index}.`.length)),
    );
  return (
    <tr>
      <td className="num subtlest">{index + 1}</td>
      <td style={{ minWidth: 150 }}>
        <Select
          inputId={`rule-${index}-kind`}
          label={`Rule ${index + 1} kind`}
          spacing="compact"
          options={KIND_OPTIONS}
          value={KIND_OPTIONS.find((o) => o.value === rule.kind) ?? null}
          onChange={(o) => {
            if (o) onChange(withKind(rule, o.value));
          }}
        />
        <ErrorText errors={errors} path={at('kind')} />
      </td>
      <td style={{ minWidth: 190 }}>
        {info?.fields.local === true ? (
          <FieldPicker
            id={`rule-${index}-local`}
            label={`Rule ${index + 1} local field`}
            value={str(rule, 'local')}
            fields={fields}
            invalid={errors.has(at('local'))}
            onChange={(local) => {
              onChange({ ...rule, local });
            }}
          />
        ) : rule.kind === 'multi-to-remote' ? (
          <span className="mono">
            {Array.isArray(rule.locals) ? rule.locals.filter((l) => typeof l === 'string').join(', ') : ''}
          </span>
        ) : (
          <span className="subtlest">—</span>
        )}
        <ErrorText errors={errors} path={at('local')} />
      </td>
      <td style={{ minWidth: 190 }}>
        {info?.fields.remote === true ? (
          <FieldPicker
            id={`rule-${index}-remote`}
            label={`Rule ${index + 1} remote field`}
            value={str(rule, 'remote')}
            fields={remoteFields}
            invalid={errors.has(at('remote'))}
            onChange={(remote) => {
              onChange({ ...rule, remote });
            }}
          />
        ) : (
          <span className="subtlest">—</span>
        )}
        <ErrorText errors={errors} path={at('remote')} />
      </td>
      <td style={{ whiteSpace: 'nowrap' }}>{info?.direction ?? ''}</td>
      <td style={{ minWidth: 140 }}>
        {info?.fields.conflict === true ? (
          <Select
            label={`Rule ${index + 1} conflict policy`}
            spacing="compact"
            options={CONFLICT_OPTIONS}
            value={CONFLICT_OPTIONS.find((o) => o.value === (rule.conflict ?? 'remote-wins')) ?? null}
            onChange={(o) => {
              if (o) onChange({ ...rule, conflict: o.value });
            }}
          />
        ) : (
          <span className="subtlest">—</span>
        )}
      </td>
      <td>
        <div className="toolbar">
          {flags.length === 0 ? (
            <span className="subtlest">—</span>
          ) : (
            flags.map((f) => <Lozenge key={f}>{f}</Lozenge>)
          )}
          {Array.isArray(rule.map) && rule.map.length > 0 && (
            <Lozenge appearance="new">{`map ×${rule.map.length}`}</Lozenge>
          )}
          {details && <Lozenge appearance="removed">check details</Lozenge>}
        </div>
      </td>
      <td>
        <div className="row-actions">
          <IconButton
            icon={ArrowUpIcon}
            label={`Move rule ${index + 1} up`}
            appearance="subtle"
            spacing="compact"
            isDisabled={index === 0}
            onClick={() => {
              props.onMove(-1);
            }}
          />
          <IconButton
            icon={ArrowDownIcon}
            label={`Move rule ${index + 1} down`}
            appearance="subtle"
            spacing="compact"
            isDisabled={index === count - 1}
            onClick={() => {
              props.onMove(1);
            }}
          />
          <IconButton
            icon={EditIcon}
            label={open ? `Hide rule ${index + 1} details` : `Rule ${index + 1} details`}
            appearance="subtle"
            spacing="compact"
            isSelected={open}
            onClick={props.onToggle}
          />
          <IconButton
            icon={DeleteIcon}
            label={`Remove rule ${index + 1}`}
            appearance="subtle"
            spacing="compact"
            onClick={props.onRemove}
          />
        </div>
      </td>
    </tr>
  );
}
