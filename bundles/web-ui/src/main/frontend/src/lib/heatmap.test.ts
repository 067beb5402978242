import { describe, expect, it } from 'vitest';
import { dayTitle, layoutHeatmap, levelOf, quartiles } from './heatmap';

describe('layoutHeatmap', () => {
  it('puts each day in its week column and weekday row, Sunday on top', () => {
    // 2026-03-04 is a Wednesday.
    const layout = layoutHeatmap('2026-03-04', '2026-03-15', []);
    expect(layout.cells).toHaveLength(12);
    expect(layout.cells[0]).toMatchObject({ date: '2026-03-04', week: 0, day: 3, count: 0, level: 0 });
    expect(layout.cells[3]).toMatchObject({ date: '2026-03-07', week: 0, day: 6 });
    expect(layout.cells[4]).toMatchObject({ date: '2026-03-08', week: 1, day: 0 });
    expect(layout.cells[11]).toMatchObject({ date: '2026-03-15', week: 2, day: 0 });
    expect(layout.weeks).toBe(3);
  });

  it('lays out a whole year as 53 weeks and counts the total', () => {
    const layout = layoutHeatmap('2025-03-05', '2026-03-04', [
      { date: '2025-03-05', count: 2 }, { date: '2026-03-04', count: 5 }, { date: '2024-01-01', count: 100 },
    ]);
    expect(layout.cells).toHaveLength(365);
    expect(layout.weeks).toBe(53);
    expect(layout.total).toBe(7);
    expect(layout.cells[364]).toMatchObject({ date: '2026-03-04', count: 5 });
  });

  it('crosses a daylight-saving change without losing or repeating a day', () => {
    const layout = layoutHeatmap('2026-03-25', '2026-04-02', []);
    expect(layout.cells.map((c) => c.date)).toEqual([
      '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31',
      '2026-04-01', '2026-04-02',
    ]);
  });

  it('labels the months over the first week that starts in them, dropping a first label that would overlap', () => {
    // 2026-01-01 is a Thursday: its label goes on the next column (Sunday the 4th).
    const layout = layoutHeatmap('2025-12-30', '2026-03-31', []);
    expect(layout.months.map((m) => m.label)).toEqual(['Jan', 'Feb', 'Mar']);
    expect(layout.months[0].week).toBe(1);
    // Feb 1st 2026 is a Sunday: its own column.
    const feb = layout.cells.find((c) => c.date === '2026-02-01')!;
    expect(layout.months[1].week).toBe(feb.week);
  });

  it('keeps the first label when the next month is far enough away', () => {
    const layout = layoutHeatmap('2026-01-01', '2026-03-01', []);
    expect(layout.months).toEqual([{ week: 0, label: 'Jan' }, { week: 5, label: 'Feb' }, { week: 9, label: 'Mar' }]);
  });
});

describe('levels', () => {
  it('are quartiles of the non-zero days', () => {
    const thresholds = quartiles([0, 1, 2, 3, 4, 5, 6, 7, 8, 0]);
    expect(thresholds).toEqual([2, 4, 6]);
    expect(levelOf(0, thresholds)).toBe(0);
    expect(levelOf(1, thresholds)).toBe(1);
    expect(levelOf(2, thresholds)).toBe(1);
    expect(levelOf(3, thresholds)).toBe(2);
    expect(levelOf(5, thresholds)).toBe(3);
    expect(levelOf(8, thresholds)).toBe(4);
  });

  it('give a lone busy day the first level and nothing for empty years', () => {
    expect(quartiles([])).toEqual([0, 0, 0]);
    const layout = layoutHeatmap('2026-03-01', '2026-03-07', [{ date: '2026-03-03', count: 4 }]);
    expect(layout.cells.map((c) => c.level)).toEqual([0, 0, 1, 0, 0, 0, 0]);
  });

  it('spread a busy week over all levels', () => {
    const layout = layoutHeatmap('2026-03-01', '2026-03-07', [1, 2, 3, 10, 20, 0, 40].map((count, i) => ({ date: `2026-03-0${i + 1}`, count })));
    expect(layout.cells.map((c) => c.level)).toEqual([1, 1, 2, 3, 4, 0, 4]);
  });
});

describe('dayTitle', () => {
  it('reads as a sentence', () => {
    expect(dayTitle({ date: '2026-03-04', count: 3 })).toBe('3 contributions on Mar 4, 2026');
    expect(dayTitle({ date: '2026-03-04', count: 1 })).toBe('1 contribution on Mar 4, 2026');
    expect(dayTitle({ date: '2026-12-31', count: 0 })).toBe('No contributions on Dec 31, 2026');
  });
});
