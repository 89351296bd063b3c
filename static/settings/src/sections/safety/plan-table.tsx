/** A plan listed mutation by mutation: the issue written to, which way, and what changes. */
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import type { PlanView } from '../../../../../src/core/schema/resolver-answers';

export function PlanTable({ plan, remoteName }: { plan: PlanView; remoteName: string }) {
  const head = {
    cells: [
      { key: 'issue', content: 'Issue' },
      { key: 'where', content: 'Written to' },
      { key: 'change', content: 'Change' },
    ],
  };
  const rows = plan.mutations.map((m) => ({
    key: m.key,
    cells: [
      {
        key: 'issue',
        content:
          m.issueUrl === null ? (
            <span className="subtle">{m.issue}</span>
          ) : (
            <a href={m.issueUrl} target="_blank" rel="noreferrer">
              {m.issue}
            </a>
          ),
      },
      {
        key: 'where',
        content:
          m.side === 'remote' ? (
            <Lozenge appearance="inprogress">{`→ ${remoteName}`}</Lozenge>
          ) : (
            <Lozenge>← this project</Lozenge>
          ),
      },
      { key: 'change', content: m.detail },
    ],
  }));
  return (
    <>
      <DynamicTable head={head} rows={rows} rowsPerPage={50} />
      {plan.more > 0 && <p className="subtlest">…and {plan.more} more changes.</p>}
    </>
  );
}
