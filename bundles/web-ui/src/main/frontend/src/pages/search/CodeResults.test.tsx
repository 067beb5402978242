import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodeResults } from './CodeResults';

const item = {
  repository: 'acme/ledger', branch: 'main', commit: 'c0ffee', path: 'src/Sum.java', name: 'Sum.java', language: 'Java',
  lines: [{ line: 4, text: '    return total;', highlights: [[4, 17]] }], definitions: [],
};

function answer(body: object) {
  vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), {
    status: 200, headers: { 'Content-Type': 'application/json' },
  }))));
}

describe('CodeResults', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says "about" when the count was estimated from a sample', async () => {
    answer({ total_count: 2403, total_count_estimated: true, incomplete_results: false, items: [item] });
    render(<MemoryRouter><CodeResults q={'"return total;"'} page={1} onPage={() => {}} /></MemoryRouter>);
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toMatch(/^About 2,403 code results$/);
    expect(screen.queryByText(/may be incomplete/)).toBeNull();
  });

  it('gives an exact count as it is', async () => {
    answer({ total_count: 1, total_count_estimated: false, incomplete_results: false, items: [item] });
    render(<MemoryRouter><CodeResults q="parseDate" page={1} onPage={() => {}} /></MemoryRouter>);
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('1 code result');
    expect(screen.getByRole('link', { name: 'src/Sum.java line 4' }).getAttribute('href'))
      .toBe('/acme/ledger/blob/main/src/Sum.java#L4');
  });
});
