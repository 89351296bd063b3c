/** The connection editor's fields: remote tracker, project, filter, and the create and outgoing switches. */
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import type { Connection } from '../../../../../src/core/schema/connection';
import type { KindInfo } from '../../../../../src/core/schema/resolver-answers';
import { ErrorText, type FieldErrors } from '../../ui/field-errors';
import { withKind } from './connection-draft';

interface Props {
  draft: Connection;
  isNew: boolean;
  kinds: KindInfo[];
  errors: FieldErrors;
  onChange: (next: Connection) => void;
}

const OUTGOING: { key: keyof Connection['outgoing']; label: string }[] = [
  { key: 'enabled', label: 'Send changes to the remote tracker' },
  { key: 'title', label: 'Titles' },
  { key: 'labels', label: 'Labels' },
  { key: 'state', label: 'Status' },
  { key: 'comments', label: 'Comments' },
  { key: 'attachments', label: 'Attachments' },
];

const FLAVORS = [
  { label: 'Jira Cloud (email and API token)', value: 'cloud' as const },
  { label: 'Jira Data Center (personal access token)', value: 'data-center' as const },
];

function Switch({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <span className="toggle">
      <Toggle
        id={id}
        isChecked={checked}
        onChange={() => {
          onChange(!checked);
        }}
        label={label}
      />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

export function ConnectionFields({ draft, isNew, kinds, errors, onChange }: Props) {
  const remote = (patch: Partial<Connection['remote']>) => {
    onChange({ ...draft, remote: { ...draft.remote, ...patch } });
  };
  const kindOptions = kinds.map((k) => ({ label: k.label, value: k.kind }));
  const text = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    path: string,
    helper?: string,
    disabled = false,
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Textfield
        id={id}
        value={value}
        isDisabled={disabled}
        isInvalid={errors.has(path)}
        onChange={(e) => {
          set(e.currentTarget.value);
        }}
      />
      {helper !== undefined && <span className="subtlest">{helper}</span>}
      <ErrorText errors={errors} path={path} />
    </div>
  );
  return (
    <>
      <div className="grid-2">
        {text(
          'connection-name',
          'Name',
          draft.name,
          (name) => {
            onChange({ ...draft, name });
          },
          'name',
        )}
        {text(
          'connection-id',
          'ID',
          draft.id,
          (id) => {
            onChange({ ...draft, id });
          },
          'id',
          'Lowercase letters, digits and dashes; cannot change later',
          !isNew,
        )}
        <div className="field">
          <label htmlFor="connection-kind">Remote tracker</label>
          <Select
            inputId="connection-kind"
            options={kindOptions}
            value={kindOptions.find((o) => o.value === draft.remote.kind) ?? null}
            onChange={(o) => {
              if (!o) return;
              if (isNew) onChange(withKind(draft, o.value));
              else remote({ kind: o.value });
            }}
          />
        </div>
        {draft.remote.kind === 'jira' ? (
          <div className="field">
            <label htmlFor="connection-flavor">Jira edition</label>
            <Select
              inputId="connection-flavor"
              options={FLAVORS}
              value={FLAVORS.find((o) => o.value === draft.remote.flavor) ?? null}
              onChange={(o) => {
                if (o) remote({ flavor: o.value });
              }}
            />
          </div>
        ) : (
          <div />
        )}
        {text(
          'connection-url',
          // Azure DevOps addresses an organization, whose URL is the base of every call.
          draft.remote.kind === 'azure-devops' ? 'Organization URL' : 'Base URL',
          draft.remote.baseUrl ?? '',
          (v) => {
            // An empty URL is no URL: the schema would refuse "" as not a URL.
            const next: Connection['remote'] = { ...draft.remote, baseUrl: v };
            if (v === '') delete next.baseUrl;
            onChange({ ...draft, remote: next });
          },
          'remote.baseUrl',
          draft.remote.kind === 'azure-devops'
            ? 'For example https://dev.azure.com/fabrikam'
            : draft.remote.kind === 'gropius'
              ? "Gropius' GraphQL API URL, for example https://gropius.example.com/api/graphql"
              : 'For example https://partner.atlassian.net',
        )}
        {text(
          'connection-project',
          'Remote project',
          draft.remote.project,
          (project) => {
            remote({ project });
          },
          'remote.project',
          draft.remote.kind === 'gropius'
            ? "The Gropius project's id (its web address after /projects/)"
            : 'Project key (Jira), owner/repo (GitHub), group/project (GitLab), project name (Azure DevOps)',
        )}
        {text(
          'connection-filter',
          'Only local issues matching (JQL)',
          draft.localFilter ?? '',
          (v) => {
            const next: Connection = { ...draft, localFilter: v };
            if (v === '') delete next.localFilter;
            onChange(next);
          },
          'localFilter',
          `Added to "project = ${draft.localProject}"; leave empty to sync every issue`,
        )}
      </div>
      <div className="field">
        <h3 className="group">Sync</h3>
        <div className="toggles">
          <Switch
            id="connection-enabled"
            label="Connection on"
            checked={draft.enabled}
            onChange={(enabled) => {
              onChange({ ...draft, enabled });
            }}
          />
          <Switch
            id="create-remote"
            label="Create remote issues"
            checked={draft.create.toRemote}
            onChange={(toRemote) => {
              onChange({ ...draft, create: { ...draft.create, toRemote } });
            }}
          />
          <Switch
            id="create-local"
            label="Create local issues"
            checked={draft.create.toLocal}
            onChange={(toLocal) => {
              onChange({ ...draft, create: { ...draft.create, toLocal } });
            }}
          />
        </div>
      </div>
      <div className="field">
        <h3 className="group">Outgoing</h3>
        <div className="toggles">
          {OUTGOING.map(({ key, label }) => (
            <Switch
              key={key}
              id={`outgoing-${key}`}
              label={label}
              checked={draft.outgoing[key]}
              onChange={(v) => {
                onChange({ ...draft, outgoing: { ...draft.outgoing, [key]: v } });
              }}
            />
          ))}
        </div>
      </div>
    </>
  );
}
