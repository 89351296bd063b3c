/**
 * Rules: the connection's rules as a table, edited in place, reordered, validated with the backend's
 * schema as they are typed (errors next to the field), imported and exported as JSON, saved together.
 * Each side's field is picked from that side's catalog (fields/catalog), and the rules are checked against
 * both catalogs as they are typed, with the same check the server makes on save (core/rules/rule-fields.ts).
 */
import Button from '@atlaskit/button/new';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import type { Json } from '../../../../../src/core/model';
import type { ConnectionView } from '../../../../../src/core/schema/resolver-answers';
import { JsonSchema, RuleListSchema } from '../../../../../src/core/schema/rules';
import { checkRuleFields } from '../../../../../src/core/rules/rule-fields';
import { call, fieldOf, messageOf } from '../../api';
import { errorsOf } from '../../ui/field-errors';
import { NoticeMessage, type Notice } from '../../ui/notice';
import { useLoad } from '../../ui/use-load';
import { RuleDetails } from './rule-details';
import { RuleRow } from './rule-row';
import { RulesJson } from './rules-json';
import { CatalogNotes } from './catalog-notes';
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
  const connectionId = view.connection.id;
  const [catalogs] = useLoad(() => call('fields/catalog', { connectionId }), [connectionId]);
  const checked = useMemo(() => RuleListSchema.safeParse(rules), [rules]);
  const fieldCheck = useMemo(
    () =>
      checked.success && catalogs.state === 'ready'
        ? checkRuleFields(checked.data, catalogs.data)
        : { errors: [], warnings: [] },
    [checked, catalogs],
  );
  // The schema's message first: a rule that does not parse is not checked against the fields.
  const errors = useMemo(
    () => new Map([...fieldCheck.errors.map((e) => [e.path, e.message] as const), ...errorsOf(checked)]),
    [checked, fieldCheck],
  );
  const localFields =
    catalogs.state === 'ready' && catalogs.data.local.catalog
      ? catalogs.data.local.catalog.fields
      : fields.state === 'ready'
        ? fields.data.fields
        : [];
  const remoteFields = catalogs.state === 'ready' ? (catalogs.data.remote.catalog?.fields ?? []) : [];

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
    if (!checked.success || fieldCheck.errors.length > 0) {
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
      <CatalogNotes catalogs={catalogs} warnings={fieldCheck.warnings} />
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
                fields={localFields}
                remoteFields={remoteFields}
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
