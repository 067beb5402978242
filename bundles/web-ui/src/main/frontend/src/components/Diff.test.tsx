import { describe, expect, it, beforeEach } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Diff } from './Diff';
import type { CommitFile } from '../lib/types';

const small: CommitFile = {
  filename: 'src/a.txt', status: 'modified', additions: 1, deletions: 1, changes: 2,
  patch: '@@ -1,2 +1,2 @@\n one\n-two\n+TWO',
};
const big: CommitFile = {
  filename: 'big.txt', status: 'added', additions: 80, deletions: 0, changes: 80,
  patch: '@@ -0,0 +1,80 @@\n' + Array.from({ length: 80 }, (_, i) => `+row ${i}`).join('\n'),
};
const binary: CommitFile = { filename: 'logo.png', status: 'added', additions: 0, deletions: 0, changes: 0 };
const renamed: CommitFile = { filename: 'new.md', previous_filename: 'old.md', status: 'renamed', additions: 0, deletions: 0, changes: 0 };

// Small limits: jsdom is slow at thousands of rows, and the logic is the same.
function show(files: CommitFile[]) {
  return render(<MemoryRouter>
    <Diff files={files} fileUrl={(f) => `/o/r/blob/main/${f.filename}`} lineBudget={100} largeFileLines={60} />
  </MemoryRouter>);
}

describe('Diff', () => {
  beforeEach(() => localStorage.clear());

  it('sums the changes and lists the files', () => {
    show([small, renamed]);
    expect(screen.getByTestId('diff-summary').textContent).toBe('2 files changed, 1 addition, 1 deletion');
    expect(screen.getByText('File renamed without changes.')).toBeTruthy();
    expect(screen.getByText('old.md')).toBeTruthy();
  });

  it('renders unified rows with markers, switches to split and remembers it', () => {
    const { container, unmount } = show([small]);
    const added = [...container.querySelectorAll('tr')].find((tr) => tr.textContent === '+TWO');
    expect(added?.querySelectorAll('td')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Split' }));
    const row = [...container.querySelectorAll('tr')].find((tr) => tr.textContent?.includes('TWO'));
    expect(row?.querySelectorAll('td')).toHaveLength(4);
    expect(row?.textContent).toBe('-two+TWO');
    expect(localStorage.getItem('codara.diff.view')).toBe('split');
    unmount();
    show([small]);
    expect(screen.getByRole('button', { name: 'Split' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('collapses a file', () => {
    const { container } = show([small]);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse src/a.txt' }));
    expect(container.querySelectorAll('tr')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Expand src/a.txt' }));
    expect(container.querySelectorAll('tr').length).toBeGreaterThan(0);
  });

  it('keeps a large diff collapsed until asked, and links a file without a patch', () => {
    const { container } = show([big, binary]);
    const bigBox = container.querySelector('[data-file="big.txt"]') as HTMLElement;
    expect(bigBox.querySelectorAll('tr')).toHaveLength(0);
    fireEvent.click(within(bigBox).getByRole('button', { name: 'Load diff' }));
    expect(bigBox.querySelectorAll('tr')).toHaveLength(81);
    const binaryBox = container.querySelector('[data-file="logo.png"]') as HTMLElement;
    expect(within(binaryBox).getByText(/diff not rendered/)).toBeTruthy();
  });

  it('renders only a budget of lines at first and offers the rest', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({
      ...small, filename: `f${i}.txt`,
      patch: '@@ -0,0 +1,30 @@\n' + Array.from({ length: 30 }, (_, k) => `+${k}`).join('\n'),
    }));
    const { container } = show(many);
    const before = container.querySelectorAll('section.diff-file').length;
    expect(before).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Show more files' }));
    expect(container.querySelectorAll('section.diff-file').length).toBeGreaterThan(before);
  });
});
