import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollLog } from './logPoller';
import { LogBuffer, groupLines } from './logLines';

type Slice = { text: string; next: number; complete: boolean };

function stubFetch(slices: Slice[]) {
  const asked: string[] = [];
  const fetch = vi.fn(async (url: string) => {
    asked.push(url);
    const slice = slices.shift() ?? { text: '', next: 0, complete: true };
    return new Response(slice.text, {
      status: 200,
      headers: { 'Content-Type': 'text/plain; charset=UTF-8', 'X-Codara-Log-Offset': String(slice.next), 'X-Codara-Log-Complete': String(slice.complete) },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return asked;
}

describe('pollLog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks from each next offset every second, then reads to the end once complete and stops', async () => {
    const asked = stubFetch([
      { text: 'one\n', next: 4, complete: false },
      { text: '', next: 4, complete: false },
      { text: 'two\n', next: 8, complete: true },
      { text: '', next: 8, complete: true },
    ]);
    const texts: string[] = [];
    const done = vi.fn();
    pollLog({ path: '/repos/o/r/actions/jobs/7/logs?step=2', onText: (t) => texts.push(t), onComplete: done });
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual(['/api/v3/repos/o/r/actions/jobs/7/logs?step=2&offset=0']);
    await vi.advanceTimersByTimeAsync(999);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked[1]).toMatch(/offset=4$/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked[2]).toMatch(/offset=4$/);
    // Complete: the rest is read at once, not a second later.
    await vi.advanceTimersByTimeAsync(50);
    expect(asked[3]).toMatch(/offset=8$/);
    expect(texts).toEqual(['one\n', 'two\n']);
    expect(done).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toHaveLength(4);
  });

  it('asks only once for the log of a job that has ended and stops when told to', async () => {
    const asked = stubFetch([{ text: '', next: 0, complete: true }]);
    const done = vi.fn();
    pollLog({ path: '/repos/o/r/actions/jobs/7/logs', onText: () => undefined, onComplete: done });
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked).toEqual(['/api/v3/repos/o/r/actions/jobs/7/logs?offset=0']);
    expect(done).toHaveBeenCalledTimes(1);

    const more = stubFetch([{ text: 'x\n', next: 2, complete: false }, { text: 'y\n', next: 4, complete: false }]);
    const stop = pollLog({ path: '/l', onText: () => undefined });
    await vi.advanceTimersByTimeAsync(0);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(more).toHaveLength(1);
  });

  it('reports an error answer and stops', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ message: 'Not Found' }), { status: 404, headers: { 'Content-Type': 'application/json' } })));
    const failed = vi.fn();
    pollLog({ path: '/l', onText: () => undefined, onError: failed });
    await vi.advanceTimersByTimeAsync(3000);
    expect(failed).toHaveBeenCalledTimes(1);
    expect((fetch as unknown as ReturnType<typeof vi.fn>).mock.calls).toHaveLength(1);
  });
});

describe('LogBuffer and groupLines', () => {
  it('strips timestamps, joins a line split across slices and keeps only the last lines', () => {
    const buffer = new LogBuffer(2);
    buffer.append('2026-11-30T23:00:00.1234567Z first\n2026-11-30T23:00:01.0000000Z sec');
    buffer.append('ond\nthird\n');
    expect(buffer.lines.map((l) => [l.number, l.text])).toEqual([[2, 'second'], [3, 'third']]);
    expect(buffer.lines[0].time).toBe('2026-11-30T23:00:01.0000000Z');
    expect(buffer.dropped).toBe(1);
    buffer.append('last');
    buffer.finish();
    expect(buffer.lines.map((l) => l.text)).toEqual(['third', 'last']);
  });

  it('folds ::group:: and ##[group] runs', () => {
    const buffer = new LogBuffer(100);
    buffer.append('before\n::group::Install\na\nb\n::endgroup::\n##[group]Test\nc\n##[endgroup]\nafter\n');
    const items = groupLines(buffer.lines);
    expect(items.map((i) => (i.kind === 'group' ? `${i.title}:${i.children.map((c) => c.text).join(',')}` : i.line.text)))
      .toEqual(['before', 'Install:a,b', 'Test:c', 'after']);
  });
});
