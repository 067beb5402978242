// The contribution heatmap's geometry: a year of days laid out as GitHub draws it, one column per week (Sunday on
// top), a colour level per day from the quartiles of the user's own non-zero days, and month labels over the
// columns where a month begins. Dates are calendar days in UTC, as the API counts them.

export interface ContributionDay {
  date: string;
  count: number;
}

export interface Contributions {
  login: string;
  from: string;
  to: string;
  total: number;
  days: ContributionDay[];
}

export interface HeatmapCell {
  date: string;
  count: number;
  /** 0 (none) to 4 (the busiest quarter). */
  level: number;
  /** Column, from 0 (the week of `from`). */
  week: number;
  /** Row: 0 Sunday ... 6 Saturday. */
  day: number;
}

export interface MonthLabel {
  week: number;
  label: string;
}

export interface HeatmapLayout {
  cells: HeatmapCell[];
  weeks: number;
  months: MonthLabel[];
  total: number;
  /** The counts at which levels 1, 2 and 3 end (level 4 is above the last). */
  thresholds: number[];
}

const DAY = 24 * 3600 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03-04` as a UTC timestamp. */
export function parseDay(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

export function formatDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The counts where levels 1-3 end: the quartiles of the non-zero counts. */
export function quartiles(counts: number[]): number[] {
  const values = counts.filter((c) => c > 0).sort((a, b) => a - b);
  if (values.length === 0) return [0, 0, 0];
  const at = (p: number) => values[Math.floor(p * (values.length - 1))];
  return [at(0.25), at(0.5), at(0.75)];
}

export function levelOf(count: number, thresholds: number[]): number {
  if (count <= 0) return 0;
  if (count <= thresholds[0]) return 1;
  if (count <= thresholds[1]) return 2;
  if (count <= thresholds[2]) return 3;
  return 4;
}

/**
 * Lays out every day from `from` to `to` (inclusive); days the API did not list count zero. Month labels sit
 * over the first column holding the 1st of a month (or the first column), and the first is dropped when the
 * next one would overlap it.
 */
export function layoutHeatmap(from: string, to: string, days: ContributionDay[]): HeatmapLayout {
  const counts = new Map<string, number>();
  for (const d of days) counts.set(d.date.slice(0, 10), (counts.get(d.date.slice(0, 10)) ?? 0) + d.count);
  const start = parseDay(from);
  const end = parseDay(to);
  const thresholds = quartiles([...counts.entries()]
    .filter(([date]) => parseDay(date) >= start && parseDay(date) <= end).map(([, c]) => c));
  const offset = new Date(start).getUTCDay();
  const cells: HeatmapCell[] = [];
  const months: MonthLabel[] = [];
  let total = 0;
  for (let time = start; time <= end; time += DAY) {
    const date = formatDay(time);
    const index = Math.round((time - start) / DAY) + offset;
    const count = counts.get(date) ?? 0;
    total += count;
    const cell = { date, count, level: levelOf(count, thresholds), week: Math.floor(index / 7), day: index % 7 };
    cells.push(cell);
    const dayOfMonth = new Date(time).getUTCDate();
    if (time === start || dayOfMonth === 1) {
      const label = MONTHS[new Date(time).getUTCMonth()];
      // A month starting mid-week gets its label on the next column, where its first full week starts, as on GitHub.
      const week = time === start || cell.day === 0 ? cell.week : cell.week + 1;
      if (months.length === 0 || months[months.length - 1].week < week) months.push({ week, label });
    }
  }
  const weeks = cells.length ? cells[cells.length - 1].week + 1 : 0;
  if (months.length > 1 && months[1].week - months[0].week < 3) months.shift();
  while (months.length && months[months.length - 1].week >= weeks) months.pop();
  return { cells, weeks, months, total, thresholds };
}

/** "3 contributions on Mar 4, 2026", "No contributions on Mar 4, 2026". */
export function dayTitle(cell: Pick<HeatmapCell, 'date' | 'count'>): string {
  const when = dayLabel(cell.date);
  if (cell.count === 0) return `No contributions on ${when}`;
  return `${cell.count.toLocaleString('en')} contribution${cell.count === 1 ? '' : 's'} on ${when}`;
}

/** "Mar 4, 2026". */
export function dayLabel(date: string): string {
  const d = new Date(parseDay(date));
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}
