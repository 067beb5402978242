import { useLayoutEffect, useMemo, useRef } from 'react';
import { useApi } from '../../lib/hooks';
import { dayLabel, dayTitle, layoutHeatmap, type Contributions } from '../../lib/heatmap';
import { plural } from '../../lib/format';
import { InlineError, Loading } from '../../components/Status';

const CELL = 10;
const STEP = 13;
const LEFT = 30;
const TOP = 18;
const WEEKDAYS: Array<[number, string]> = [[1, 'Mon'], [3, 'Wed'], [5, 'Fri']];

/** The last year of a user's commits per day, as GitHub's contribution graph. */
export function Heatmap({ login }: { login: string }) {
  const contributions = useApi<Contributions>(`/users/${encodeURIComponent(login)}/contributions`);
  const data = contributions.data;
  const layout = useMemo(() => (data ? layoutHeatmap(data.from, data.to, data.days) : null), [data]);
  const scroller = useRef<HTMLDivElement>(null);
  // On a narrow screen, show the recent end of the year first, as GitHub does.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  }, [layout]);

  if (contributions.error) {
    return <section className="heatmap-section"><InlineError error={contributions.error} /></section>;
  }
  if (!data || !layout) {
    return <section className="heatmap-section"><Loading label="Loading contributions" height={170} /></section>;
  }
  const width = LEFT + layout.weeks * STEP;
  const height = TOP + 7 * STEP;
  const total = data.total ?? layout.total;
  return (
    <section className="heatmap-section" aria-labelledby="contributions-heading">
      <h2 id="contributions-heading" className="heatmap-total">
        {plural(total, 'contribution')} in the last year
      </h2>
      <div className="box heatmap-box">
        <div className="heatmap-scroll" ref={scroller}>
          <svg className="heatmap" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
            aria-label={`Contribution graph: ${plural(total, 'contribution')} from ${dayLabel(data.from)} to ${dayLabel(data.to)}`}
            data-testid="heatmap">
            {layout.months.map((m) => (
              <text key={`${m.week}-${m.label}`} className="heatmap-label" x={LEFT + m.week * STEP} y={TOP - 6}>{m.label}</text>
            ))}
            {WEEKDAYS.map(([day, label]) => (
              <text key={label} className="heatmap-label" x={0} y={TOP + day * STEP + CELL - 1}>{label}</text>
            ))}
            {layout.cells.map((cell) => (
              <rect key={cell.date} className={`heat heat-${cell.level}`} x={LEFT + cell.week * STEP} y={TOP + cell.day * STEP}
                width={CELL} height={CELL} rx={2} ry={2} data-date={cell.date} data-count={cell.count} data-level={cell.level}>
                <title>{dayTitle(cell)}</title>
              </rect>
            ))}
          </svg>
        </div>
        <div className="heatmap-footer small muted">
          <span>Commits pushed to repositories you can see, by author email.</span>
          <span className="heatmap-legend" aria-hidden="true">
            Less
            {[0, 1, 2, 3, 4].map((level) => (
              <svg key={level} width={CELL} height={CELL}><rect className={`heat heat-${level}`} width={CELL} height={CELL} rx={2} ry={2} /></svg>
            ))}
            More
          </span>
        </div>
      </div>
    </section>
  );
}
