/** The pair's sync state as a Jira lozenge: green in sync, blue pending, yellow conflict, red error or out of sync. */
import React from 'react';
import { Lozenge } from '@forge/react';
import type { PanelLink } from '../../core/schema/resolver-answers';

const LOOK = {
  ok: { appearance: 'success', text: 'In sync' },
  pending: { appearance: 'inprogress', text: 'Pending' },
  conflict: { appearance: 'moved', text: 'Conflict' },
  error: { appearance: 'removed', text: 'Error' },
  drift: { appearance: 'removed', text: 'Out of sync' },
} as const;

export function StatusLozenge({ status }: { status: PanelLink['status'] }): React.JSX.Element {
  const look = LOOK[status?.state ?? 'pending'];
  return <Lozenge appearance={look.appearance}>{look.text}</Lozenge>;
}
