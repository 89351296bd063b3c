/**
 * Rules: the connection's rules as a table, edited in place, reordered, validated with the backend's
 * schema as they are typed (errors next to the field), imported and exported as JSON, saved together.
 */
import Button from '@atlaskit/button/new';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import type { Json } from '../../../../../src/core/model';
import type { ConnectionView } from '../../../../../src/core/schema/resolver-answers';
import { JsonSchema, RuleListSchema } from '../../../../../src/core/schema/rules';
import { call, fieldOf, messageOf } from '../../api';
import { errorsOf } from '../../ui/field-errors';
import { NoticeMessage, type Notice } from '../../ui/notice';
import { useLoad } from '../../ui/use-load';
import { RuleDetails } from './rule-details';
import { RuleRow } from './rule-row';
import { RulesJson } from './rules-json';
import { withKind, type RuleDraft } from './rule-kinds';

interface Props {
  view: ConnectionView;
  picker: ReactNode;
  reload: () => Promise<void>;
}

function draftsOf(rules: unknown): RuleDraft[] {
  const parsed = JsonSchema.array().safeParse(rules);
  if (!parsed.success) return [];
  return parsed.data.flatMap((r: Json) =>
    typeof r === 'object' && r !== null && !Array.isArray(r) ? [r] : [],
  );
}

export function RulesSection({ view, picker, reload }: Props) {
  const [rules, setRules] = useState<RuleDraft[]>(() => draftsOf(view.connection.rules));
  const [open, setOpen] = useState<number | undefined>();
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);
  const [fields] = useLoad(() => call('fields/list', {}), []);
  const checked = useMemo(() => RuleListSchema.safeParse(rules), [rules]);
  const errors = useMemo(() => errorsOf(checked), [checked]);

  const update = (next: RuleDraft[]) => {
    setRules(next);
    setDirty(true);
    setNotice(undefined);
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    const [moved] = next.splice(i, 1);
    if (moved) next.splice(i + by, 0, moved);
    update(next);
    setOpen(undefined);
  };
  const save = async () => {
    if (!checked.success) {
      setNotice({ appearance: 'error', message: 'Fix the rules marked in red first.' });
      return;
    }
    setBusy(true);
    try {
      await call('connections/save', { connection: { ...view.connection, rules: checked.data } });
      setDirty(false);
      setNotice({ appearance: 'success', message: `Saved ${rules.length} rules.` });
      await reload();
    } catch (err) {
      setNotice({ appearance: 'error', title: fieldOf(err) ?? 'Not saved', message: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section" aria-label="Rules">
      <div className="section-head">
        {picker}
        <div className="toolbar">
          <RulesJson rules={rules} onImport={update} />
          <Button
            onClick={() => {
              update([...rules, withKind({}, 'two-way')]);
              setOpen(rules.length);
            }}
          >
            Add rule
          </Button>
          <Button
            appearance="primary"
            isDisabled={!dirty}
            isLoading={busy}
            onClick={() => {
              void save();
            }}
          >
            Save rules
          </Button>
        </div>
      </div>
      <p className="subtle">Rules run top to bottom; for each field, the first rule that writes it wins.</p>
      <NoticeMessage notice={notice} />
      <table className="jira" aria-label="Rules">
        <thead>
          <tr>
            <th>#</th>
            <th>Kind</th>
            <th>Local field</th>
            <th>Remote field</th>
            <th>Direction</th>
            <th>Conflicts</th>
            <th>Flags</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, i) => (
            <Fragment key={i}>
              <RuleRow
                index={i}
                count={rules.length}
                rule={rule}
                fields={fields.state === 'ready' ? fields.data.fields : []}
                errors={errors}
                open={open === i}
                onChange={(r) => {
                  update(rules.map((x, j) => (j === i ? r : x)));
                }}
                onMove={(by) => {
                  move(i, by);
                }}
                onRemove={() => {
                  update(rules.filter((_, j) => j !== i));
                  setOpen(undefined);
                }}
                onToggle={() => {
                  setOpen(open === i ? undefined : i);
                }}
              />
              {open === i && (
                <tr className="details">
                  <td />
                  <td colSpan={7}>
                    <RuleDetails
                      index={i}
                      rule={rule}
                      errors={errors}
                      onChange={(r) => {
                        update(rules.map((x, j) => (j === i ? r : x)));
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {rules.length === 0 && (
        <div className="empty">No rules: nothing is synced. Add a rule or import a set.</div>
      )}
    </section>
  );
}
