/** The project's connections as a Jira table: name, remote, credentials, state, and Edit. */
import { OPTIONAL_CREDENTIALS } from '../../../../../src/core/schema/credentials';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import type { ConnectionView, KindInfo } from '../../../../../src/core/schema/resolver-answers';

interface Props {
  connections: ConnectionView[];
  kinds: KindInfo[];
  onEdit: (id: string) => void;
}

function stateOf(view: ConnectionView) {
  if (!view.connection.enabled) return <Lozenge>Off</Lozenge>;
  if (view.heldPlanId !== null) return <Lozenge appearance="moved">Waiting for approval</Lozenge>;
  if (view.lastError) return <Lozenge appearance="removed">Error</Lozenge>;
  return <Lozenge appearance="success">Syncing</Lozenge>;
}

export function ConnectionTable({ connections, kinds, onEdit }: Props) {
  const head = {
    cells: [
      { key: 'name', content: 'Name' },
      { key: 'remote', content: 'Remote tracker' },
      { key: 'credentials', content: 'Credentials' },
      { key: 'state', content: 'State' },
      { key: 'actions', content: '' },
    ],
  };
  const rows = connections.map((view) => {
    const c = view.connection;
    const label = kinds.find((k) => k.kind === c.remote.kind)?.label ?? c.remote.kind;
    const host = c.remote.baseUrl ? new URL(c.remote.baseUrl).host : '';
    const allSet = view.credentials.every((cr) => cr.status === 'set' || OPTIONAL_CREDENTIALS.has(cr.name));
    return {
      key: c.id,
      cells: [
        {
          key: 'name',
          content: (
            <div>
              <strong>{c.name}</strong>
              <div className="subtlest mono">{c.id}</div>
            </div>
          ),
        },
        {
          key: 'remote',
          content: (
            <div>
              {label} · {c.remote.project}
              <div className="subtlest">{host}</div>
            </div>
          ),
        },
        {
          key: 'credentials',
          content: (
            <Lozenge appearance={allSet ? 'success' : 'default'}>{allSet ? 'Set' : 'Not set'}</Lozenge>
          ),
        },
        { key: 'state', content: stateOf(view) },
        {
          key: 'actions',
          content: (
            <Button
              appearance="subtle"
              onClick={() => {
                onEdit(c.id);
              }}
            >
              Edit
            </Button>
          ),
        },
      ],
    };
  });
  return (
    <DynamicTable
      head={head}
      rows={rows}
      emptyView={<p className="table-empty">No connection yet. Add one to start syncing this project.</p>}
    />
  );
}
