/**
 * Activity: the last error, changes per hour, the last cycles, pairs in error with Retry, and the progress
 * of a bulk connect (backfill) when one has run.
 */
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import { useState, type ReactNode } from 'react';
import type { AnswerOf, ConnectionView } from '../../../../../src/core/schema/resolver-answers';
import { call, messageOf } from '../../api';
import { LoadState } from '../../ui/loading';
import { NoticeMessage, type Notice } from '../../ui/notice';
import { exactTime, relativeTime } from '../../ui/time';
import { useLoad } from '../../ui/use-load';
import { BulkConnect } from './bulk-connect';
import { HourlyChart } from './hourly-chart';
import { SiteQuotas } from './site-quotas';
import { utcTime } from './utc-time';

type Activity = AnswerOf<'activity/get'>;

function Backfill({ backfill }: { backfill: NonNullable<Activity['backfill']> }) {
  const running = backfill.finishedAt === null;
  return (
    <div className="card">
      <Heading size="small" as="h2">
        {running ? 'Linking existing issues…' : 'Existing issues linked'}
      </Heading>
      <ProgressBar
        ariaLabel="Backfill progress"
        isIndeterminate={running}
        value={running ? 0 : 1}
        {...(running ? {} : { appearance: 'success' as const })}
      />
      <p className="subtle">
        Scanned {backfill.scanned.local} local and {backfill.scanned.remote} remote issues · {backfill.linked}{' '}
        linked · {backfill.ambiguous} left alone as ambiguous
      </p>
      {backfill.copies && <Copies copies={backfill.copies} />}
    </div>
  );
}

function Copies({ copies }: { copies: NonNullable<NonNullable<Activity['backfill']>['copies']> }) {
  const done = copies.total - copies.remaining;
  const finished = copies.finishedAt !== null;
  return (
    <div aria-label="Backfill copies">
      <ProgressBar
        ariaLabel="Issues copied"
        value={finished ? 1 : copies.total === 0 ? 0 : done / copies.total}
        {...(finished ? { appearance: 'success' as const } : {})}
      />
      <p className="subtle">
        {finished
          ? `All ${copies.total} issues that did not match are copied.`
          : `${done} of ${copies.total} issues copied (as of ${utcTime(copies.at)})`}
        {!finished &&
          (copies.notBefore
            ? ` · the hourly quota lets the rest through no sooner than ${utcTime(copies.notBefore)}`
            : ' · no quota figures yet for an estimate')}
      </p>
    </div>
  );
}

function cyclesTable(cycles: Activity['cycles']) {
  const head = { cells: ['When', 'In', 'Out', 'Errors', 'Result'].map((c) => ({ key: c, content: c })) };
  const rows = cycles.map((c, i) => ({
    key: `${c.at}-${i}`,
    cells: [
      { key: 'when', content: <span title={exactTime(c.at)}>{relativeTime(c.at)}</span> },
      { key: 'in', content: c.incoming },
      { key: 'out', content: c.outgoing },
      { key: 'errors', content: c.errors },
      {
        key: 'result',
        content: c.held ? (
          <Lozenge appearance="moved">Held</Lozenge>
        ) : c.errors > 0 ? (
          <Lozenge appearance="removed">Errors</Lozenge>
        ) : (
          <Lozenge appearance="success">Done</Lozenge>
        ),
      },
    ],
  }));
  return (
    <DynamicTable head={head} rows={rows} emptyView={<p className="table-empty">No cycle has run yet.</p>} />
  );
}

export function ActivitySection({ view, picker }: { view: ConnectionView; picker: ReactNode }) {
  const connectionId = view.connection.id;
  const [activity, reload] = useLoad(() => call('activity/get', { connectionId }), [connectionId]);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [retrying, setRetrying] = useState<string | undefined>();

  const retry = async (pairId: string) => {
    setRetrying(pairId);
    try {
      const r = await call('pairs/retry', { connectionId, pairId });
      setNotice({ appearance: r.outcome === 'synced' ? 'success' : 'warning', message: r.message });
      await reload();
    } catch (err) {
      setNotice({ appearance: 'error', message: messageOf(err) });
    } finally {
      setRetrying(undefined);
    }
  };

  if (activity.state !== 'ready')
    return (
      <section className="section">
        {picker}
        <LoadState loaded={activity} what="the activity" />
      </section>
    );
  const a = activity.data;
  const errorRows = a.pairsInError.map((p) => ({
    key: p.pairId,
    cells: [
      {
        key: 'local',
        content: p.local ? (
          <a href={p.local.url} target="_blank" rel="noreferrer">
            {p.local.key}
          </a>
        ) : (
          '—'
        ),
      },
      {
        key: 'remote',
        content: p.remote ? (
          <a href={p.remote.url} target="_blank" rel="noreferrer">
            {p.remote.key}
          </a>
        ) : (
          '—'
        ),
      },
      { key: 'error', content: p.kind === 'drift' ? <strong>{p.message}</strong> : p.message },
      {
        key: 'attempts',
        content: <span title={`Last tried ${exactTime(p.lastAttemptAt)}`}>{p.attempts}</span>,
      },
      {
        key: 'retry',
        content: (
          <Button
            spacing="compact"
            isLoading={retrying === p.pairId}
            onClick={() => {
              void retry(p.pairId);
            }}
          >
            Retry
          </Button>
        ),
      },
    ],
  }));

  return (
    <section className="section" aria-label="Activity">
      <div className="section-head">
        {picker}
        <Button
          onClick={() => {
            void reload();
          }}
        >
          Refresh
        </Button>
      </div>
      <NoticeMessage notice={notice} />
      {a.stalled && (
        <SectionMessage
          appearance="warning"
          title={`Cycles are not completing: the last one finished ${relativeTime(a.stalled.since)}`}
        >
          <ul>
            {a.stalled.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </SectionMessage>
      )}
      {a.lastError && (
        <SectionMessage appearance="error" title="The last cycle could not run">
          <p>
            {a.lastError.message} <span className="subtlest">({relativeTime(a.lastError.at)})</span>
          </p>
        </SectionMessage>
      )}
      {a.backfill && <Backfill backfill={a.backfill} />}
      <SiteQuotas quotas={a.quotas} />
      <BulkConnect connectionId={connectionId} onQueued={setNotice} />
      <div className="card">
        <Heading size="small" as="h2">
          Changes synced per hour
        </Heading>
        <HourlyChart hourly={a.hourly} />
      </div>
      <div className="card">
        <Heading size="small" as="h2">
          Issues with errors
        </Heading>
        {a.pairsInDrift > 0 && (
          <p role="status">
            {a.pairsInDrift === 1 ? '1 pair is' : `${a.pairsInDrift} pairs are`} out of sync: both issues are
            unchanged since they synced, yet differ. Retry decides them afresh.
          </p>
        )}
        <DynamicTable
          head={{
            cells: ['This project', 'Remote', 'Error', 'Attempts', ''].map((c, i) => ({
              key: `h${i}`,
              content: c,
            })),
          }}
          rows={errorRows}
          emptyView={<p className="table-empty">No issue is in error.</p>}
        />
      </div>
      <div className="card">
        <Heading size="small" as="h2">
          Recent cycles
        </Heading>
        {cyclesTable(a.cycles)}
      </div>
    </section>
  );
}
