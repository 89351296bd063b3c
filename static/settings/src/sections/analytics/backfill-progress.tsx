/**
 * The backfill's progress: months written of the months from the project's oldest issue to the month the
 * export was turned on. The months are known once the backfill has found the oldest issue; before that the
 * bar is indeterminate.
 */
import ProgressBar from '@atlaskit/progress-bar';
import type { AnalyticsView } from '../../../../../src/core/analytics/export-view';
import { exactTime, relativeTime } from '../../ui/time';

type Backfill = NonNullable<AnalyticsView['backfill']>;

const months = (n: number): string => (n === 1 ? '1 month' : `${n} months`);
const issues = (n: number): string => (n === 1 ? '1 issue' : `${n} issues`);

export function BackfillProgress({ backfill }: { backfill: Backfill }) {
  const total = backfill.months.length;
  const done = backfill.state === 'done';
  const counting = !done && total === 0;
  return (
    <div aria-label="Backfill">
      <ProgressBar
        ariaLabel="Months exported"
        isIndeterminate={counting}
        value={done ? 1 : total === 0 ? 0 : backfill.monthsDone / total}
        {...(done ? { appearance: 'success' as const } : {})}
      />
      <p className="subtle">
        {done
          ? `Backfill done: ${months(total)}, ${issues(backfill.issuesExported)} exported`
          : counting
            ? 'Backfill started: finding the oldest issue…'
            : `Backfill: ${backfill.monthsDone} of ${months(total)} exported (${issues(backfill.issuesExported)})`}
        {done && backfill.finishedAt !== undefined && (
          <span title={exactTime(backfill.finishedAt)}> · finished {relativeTime(backfill.finishedAt)}</span>
        )}
      </p>
    </div>
  );
}
