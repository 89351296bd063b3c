/** Changes synced per hour over the last 24 hours, as a small inline SVG bar chart. */
interface Bucket {
  hourStart: string;
  changes: number;
}

const W = 960;
const H = 140;
const PAD = { left: 32, right: 8, top: 8, bottom: 22 };

export function HourlyChart({ hourly }: { hourly: readonly Bucket[] }) {
  const max = Math.max(1, ...hourly.map((b) => b.changes));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, hourly.length);
  const total = hourly.reduce((n, b) => n + b.changes, 0);
  const hour = (iso: string) =>
    new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className="chart"
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`${total} changes synced in the last 24 hours`}
      >
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} />
        <text x={PAD.left - 6} y={PAD.top + 10} textAnchor="end">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + innerH} textAnchor="end">
          0
        </text>
        {hourly.map((b, i) => {
          const h = (b.changes / max) * innerH;
          const x = PAD.left + i * step + 2;
          return (
            <g key={b.hourStart}>
              <rect
                className="bar"
                x={x}
                y={PAD.top + innerH - h}
                width={Math.max(1, step - 4)}
                height={h}
                rx={2}
              >
                <title>{`${hour(b.hourStart)}: ${b.changes} changes`}</title>
              </rect>
              {i % 6 === 0 && (
                <text x={x} y={H - 6}>
                  {hour(b.hourStart)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="subtlest">{total} changes in the last 24 hours</figcaption>
    </figure>
  );
}
