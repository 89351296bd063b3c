/** Connections: the project's connections and, below them, the editor for the one being added or changed. */
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { Connection } from '../../../../../src/core/schema/connection';
import type { ConnectionList } from '../../app';
import { newConnection } from './connection-draft';
import { ConnectionEditor } from './connection-editor';
import { ConnectionTable } from './connection-table';

type Editing =
  | { mode: 'closed' }
  | { mode: 'new'; draft: Connection; n: number }
  | { mode: 'edit'; id: string };

export function ConnectionsSection({ list, reload }: { list: ConnectionList; reload: () => Promise<void> }) {
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [created, setCreated] = useState(0);
  const saved =
    editing.mode === 'edit' ? list.connections.find((c) => c.connection.id === editing.id) : undefined;

  const add = () => {
    const draft = newConnection(list.projectKey, 'jira');
    const taken = new Set(list.connections.map((c) => c.connection.id));
    const id = taken.has(draft.id) ? `${draft.id}-${taken.size + 1}` : draft.id;
    setCreated(created + 1);
    setEditing({ mode: 'new', draft: { ...draft, id }, n: created + 1 });
  };
  // A new connection becomes an edited one once saved, so its credentials and test show at once.
  const afterSave = async (id: string) => {
    await reload();
    setEditing({ mode: 'edit', id });
  };

  return (
    <section className="section" aria-label="Connections">
      <div className="section-head">
        <p>Each connection links this project to one project in another tracker.</p>
        <Button appearance="primary" onClick={add}>
          Add connection
        </Button>
      </div>
      <ConnectionTable
        connections={list.connections}
        kinds={list.kinds}
        onEdit={(id) => {
          setEditing({ mode: 'edit', id });
        }}
      />
      {editing.mode === 'new' && (
        <ConnectionEditor
          key={`new-${editing.n}`}
          initial={editing.draft}
          saved={undefined}
          kinds={list.kinds}
          onDone={afterSave}
          onClose={() => {
            setEditing({ mode: 'closed' });
          }}
        />
      )}
      {saved && (
        <ConnectionEditor
          key={`edit-${saved.connection.id}`}
          initial={saved.connection}
          saved={saved}
          kinds={list.kinds}
          onDone={reload}
          onClose={() => {
            setEditing({ mode: 'closed' });
          }}
        />
      )}
    </section>
  );
}
