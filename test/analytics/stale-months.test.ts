/**
 * The self-healing scan's decision (src/core/analytics/stale-months.ts): which months' files miss a change.
 */
import { scanWindowMinutes, SCAN_OVERLAP_MINUTES, staleMonths } from '../../src/core/analytics/stale-months';

const at = (iso: string) => new Date(iso);

describe('staleMonths', () => {
  const written = [
    { month: '2026-10', readAt: at('2026-12-06T10:00:00Z'), issueIds: ['1', '2'] },
    { month: '2026-11', readAt: at('2026-12-06T10:00:00Z'), issueIds: ['3'] },
  ];

  it('re-exports the month of an issue changed after its files were read, and only that month', () => {
    expect(
      staleMonths(
        [
          { id: '2', created: at('2026-10-20T12:00:00Z'), updated: at('2026-12-06T10:00:01Z') },
          { id: '3', created: at('2026-11-02T00:00:00Z'), updated: at('2026-12-06T09:59:59Z') },
        ],
        written,
      ),
    ).toEqual(['2026-10']);
  });

  it('counts a change at the very instant the read began as missed', () => {
    const change = { id: '1', created: at('2026-10-01T00:00:00Z'), updated: at('2026-12-06T10:00:00Z') };
    expect(staleMonths([change], written)).toEqual(['2026-10']);
  });

  it('re-exports a month that does not hold the issue, or is not written at all, once and in order', () => {
    expect(
      staleMonths(
        [
          { id: '9', created: at('2026-12-01T00:00:00Z'), updated: at('2026-12-01T00:00:00Z') },
          { id: '4', created: at('2026-11-30T23:59:59Z'), updated: at('2026-12-01T00:00:00Z') },
          { id: '5', created: at('2026-11-15T00:00:00Z'), updated: at('2026-12-01T00:00:00Z') },
        ],
        written,
      ),
    ).toEqual(['2026-11', '2026-12']);
  });

  it('puts an issue in its UTC month, as the backfill does', () => {
    // 23:30 on 31 October in New York is 1 November in UTC.
    const created = at('2026-10-31T23:30:00-04:00');
    expect(staleMonths([{ id: '7', created, updated: created }], [])).toEqual(['2026-11']);
  });
});

describe('scanWindowMinutes', () => {
  it('covers every minute since the last scan, and the overlap before it', () => {
    expect(scanWindowMinutes(at('2026-12-06T10:00:00Z'), at('2026-12-06T10:05:00Z'))).toBe(
      5 + SCAN_OVERLAP_MINUTES,
    );
    expect(scanWindowMinutes(at('2026-12-06T10:00:00Z'), at('2026-12-06T10:05:00.001Z'))).toBe(
      6 + SCAN_OVERLAP_MINUTES,
    );
    // A last scan "later" than now (clocks apart) still searches the overlap.
    expect(scanWindowMinutes(at('2026-12-06T10:06:00Z'), at('2026-12-06T10:05:00Z'))).toBe(
      SCAN_OVERLAP_MINUTES,
    );
  });
});
