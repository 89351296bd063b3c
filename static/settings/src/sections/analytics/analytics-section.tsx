/**
 * Analytics export: the project's issues, comments, changelog and more as Parquet files that DuckDB reads
 * over HTTP. An admin turns it on or off, watches the backfill, copies the manifest URL and a DuckDB snippet
 * that names every file (DuckDB cannot glob over HTTP), sees when it last exported and how many rows each
 * table holds, and rotates the URL's secret with a grace period.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Toggle from '@atlaskit/toggle';
import { useEffect, useState } from 'react';
import type { AnalyticsView } from '../../../../../src/core/analytics/export-view';
import { call } from '../../api';
import { CopyField } from '../../ui/copy-field';
import { LoadState } from '../../ui/loading';
import { failureNotice, NoticeMessage, type Notice } from '../../ui/notice';
import { exactTime, relativeTime } from '../../ui/time';
import { useLoad } from '../../ui/use-load';
import { BackfillProgress } from './backfill-progress';
import { RotateExportSecretForm } from './rotate-export-secret-form';
import { TableCounts } from './table-counts';

/** How often the view is read again while the backfill runs. */
const BACKFILL_POLL_MS = 1500;

export function AnalyticsSection({ projectKey }: { projectKey: string }) {
  const [loaded, reload] = useLoad(() => call('analytics/get', {}), []);
  const [busy, setBusy] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();

  const running = loaded.state === 'ready' && loaded.data.backfill?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      void reload();
    }, BACKFILL_POLL_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [running, loaded, reload]);

  const setEnabled = async (enabled: boolean) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await call('analytics/set-enabled', { enabled });
      setNotice({
        appearance: 'success',
        message: enabled
          ? `The export of ${projectKey} is on: the backfill runs in the background.`
          : `The export of ${projectKey} is off: its URL answers nothing until it is turned on again.`,
      });
      await reload();
    } catch (err) {
      setNotice(failureNotice(err, enabled ? 'Export not turned on' : 'Export not turned off'));
    } finally {
      setBusy(false);
    }
  };

  if (loaded.state !== 'ready')
    return (
      <section className="section" aria-label="Analytics export">
        <LoadState loaded={loaded} what="the analytics export" />
      </section>
    );
  const view = loaded.data;

  return (
    <section className="section" aria-label="Analytics export">
      <div className="section-head">
        <p>
          {projectKey}’s issues, comments, changelog, worklogs, links and attachments as Parquet files, one
          per table and month, that DuckDB (or any Parquet reader) reads over HTTP. Events keep the files
          fresh.
        </p>
      </div>
      <NoticeMessage notice={notice} />
      <div className="card">
        <div className="toolbar">
          <span className="toggle">
            <Toggle
              id="analytics-enabled"
              isChecked={view.enabled}
              isDisabled={busy}
              onChange={() => {
                void setEnabled(!view.enabled);
              }}
              label="Export this project"
            />
            <label htmlFor="analytics-enabled">Export this project</label>
          </span>
          {view.enabled ? <Lozenge appearance="success">On</Lozenge> : <Lozenge>Off</Lozenge>}
        </div>
        {view.enabled && <ExportDetails view={view} />}
      </div>
      {view.lastError !== null && (
        <SectionMessage appearance="warning" title="The last export failed">
          <p>{view.lastError}</p>
          <p className="subtle">It is shown until a later export of any month succeeds.</p>
        </SectionMessage>
      )}
      {view.enabled && view.url !== null && (
        <div className="card">
          <Heading size="small" as="h2">
            Reading the export
          </Heading>
          <CopyField id="analytics-manifest-url" label="Manifest URL" value={`${view.url}/manifest.json`} />
          {view.snippet === null ? (
            <p className="subtle">The DuckDB snippet appears once the first month is written.</p>
          ) : (
            <CopyField id="analytics-snippet" label="DuckDB snippet" value={view.snippet} multiline />
          )}
          {view.previousSecretValidUntil !== null && (
            <p className="subtle">
              The previous URL keeps working until{' '}
              <span title={view.previousSecretValidUntil}>{exactTime(view.previousSecretValidUntil)}</span>.
            </p>
          )}
          {rotating ? (
            <RotateExportSecretForm
              onRotated={async () => {
                setRotating(false);
                setNotice({
                  appearance: 'success',
                  message: 'Secret rotated: copy the new URL and snippet.',
                });
                await reload();
              }}
              onClose={() => {
                setRotating(false);
              }}
            />
          ) : (
            <div className="toolbar">
              <Button
                onClick={() => {
                  setRotating(true);
                  setNotice(undefined);
                }}
              >
                Rotate secret
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ExportDetails({ view }: { view: AnalyticsView }) {
  return (
    <>
      <p className="subtle">
        {view.lastExportAt === null ? (
          'No month exported yet.'
        ) : (
          <>
            Last export{' '}
            <span title={exactTime(view.lastExportAt)} data-testid="analytics-last-export">
              {relativeTime(view.lastExportAt)}
            </span>
          </>
        )}
      </p>
      {view.backfill !== null && <BackfillProgress backfill={view.backfill} />}
      <TableCounts tables={view.tables} />
    </>
  );
}
