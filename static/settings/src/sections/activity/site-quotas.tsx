/**
 * Per Jira site: the points Tandem used this hour against its quota (from Jira's `Beta-RateLimit*` headers),
 * and whether background work is paused for it and until when.
 */
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import { utcTime } from './utc-time';

type Quota = AnswerOf<'activity/get'>['quotas'][number];

function QuotaLine({ quota }: { quota: Quota }) {
  const known = quota.used !== null && quota.limit !== null;
  return (
    <div className="quota" aria-label={`Quota of ${quota.label}`}>
      <p>
        <strong>{quota.label}</strong>{' '}
        {quota.paused ? (
          <Lozenge appearance="moved">Background paused</Lozenge>
        ) : (
          known && <Lozenge appearance="success">Within quota</Lozenge>
        )}
      </p>
      {known ? (
        <>
          <ProgressBar
            ariaLabel={`Points used on ${quota.label}`}
            value={Math.min(1, (quota.used ?? 0) / Math.max(1, quota.limit ?? 1))}
          />
          <p className="subtle">
            {quota.used?.toLocaleString('en-GB')} of {quota.limit?.toLocaleString('en-GB')} points used this
            hour
            {quota.resetAt && ` · resets at ${utcTime(quota.resetAt)}`}
            {quota.reserve !== null && ` · ${quota.reserve.toLocaleString('en-GB')} kept for people’s edits`}
          </p>
        </>
      ) : (
        <p className="subtle">No quota figures yet: Jira sends them with its answers.</p>
      )}
      {quota.paused && (
        <p role="status">
          {quota.paused.reason === 'quota'
            ? `Jira refused for the hourly quota: nothing is sent to this site until ${utcTime(quota.paused.until)}.`
            : `Background work (backfill, scans) is paused until ${utcTime(quota.paused.until)}; the rest of the hour's quota is kept for people's edits.`}
        </p>
      )}
    </div>
  );
}

export function SiteQuotas({ quotas }: { quotas: readonly Quota[] }) {
  return (
    <div className="card">
      <Heading size="small" as="h2">
        Jira rate limits
      </Heading>
      {quotas.map((q) => (
        <QuotaLine key={q.label} quota={q} />
      ))}
    </div>
  );
}
