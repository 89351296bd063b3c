/** Rows and files per exported table, as the manifest counts them. */
import DynamicTable from '@atlaskit/dynamic-table';
import type { AnalyticsView } from '../../../../../src/core/analytics/export-view';

const head = {
  cells: [
    { key: 'table', content: 'Table' },
    { key: 'rows', content: 'Rows' },
    { key: 'files', content: 'Files' },
  ],
};

export function TableCounts({ tables }: { tables: AnalyticsView['tables'] }) {
  const rows = tables.map((t) => ({
    key: t.table,
    cells: [
      { key: 'table', content: <span className="mono">{t.table}</span> },
      { key: 'rows', content: t.rows.toLocaleString('en-GB') },
      { key: 'files', content: t.files.toLocaleString('en-GB') },
    ],
  }));
  return (
    <div aria-label="Rows per table">
      <DynamicTable
        head={head}
        rows={rows}
        emptyView={<p className="table-empty">Nothing exported yet.</p>}
      />
    </div>
  );
}
