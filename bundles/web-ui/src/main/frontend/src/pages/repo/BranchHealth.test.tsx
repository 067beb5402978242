import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthBadge, healthTone, type BranchHealthJson } from './BranchHealth';

const health: BranchHealthJson = {
  name: 'feature/x', sha: 'a'.repeat(40), last_activity_at: '2026-11-01T00:00:00Z', first_commit_at: '2026-10-01T00:00:00Z',
  ahead_by: 2, behind_by: 10, ci_state: 'failure', pull_request: { number: 4, mergeable: true }, score: 52,
  parts: [
    { name: 'behind', value: 10, points: 20, max: 25, explanation: '10 commits behind the default branch' },
    { name: 'staleness', value: 30, points: 18, max: 25, explanation: 'last commit 30 days ago' },
    { name: 'ci', value: 'failure', points: 0, max: 20, explanation: "the tip's checks failed" },
    { name: 'pull_request', value: 4, points: 20, max: 20, explanation: 'pull request #4 is open and merges cleanly' },
    { name: 'age', value: 60, points: 5, max: 10, explanation: 'first commit 60 days ago' },
  ],
};

describe('healthTone', () => {
  it('tells healthy, attention and unhealthy scores apart at 70 and 40', () => {
    expect(healthTone(100)).toBe('success');
    expect(healthTone(70)).toBe('success');
    expect(healthTone(69)).toBe('attention');
    expect(healthTone(40)).toBe('attention');
    expect(healthTone(39)).toBe('danger');
  });
});

describe('HealthBadge', () => {
  afterEach(cleanup);

  it('shows the score and, on click, every part with its points and why', () => {
    render(<HealthBadge health={health} />);
    const badge = screen.getByRole('button', { name: 'Health 52' });
    expect(badge.className).toContain('attention');
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(badge);
    const dialog = screen.getByRole('dialog', { name: 'Health of feature/x' });
    const rows = dialog.querySelectorAll('tr');
    expect([...rows].map((r) => r.getAttribute('data-part'))).toEqual(['behind', 'staleness', 'ci', 'pull_request', 'age']);
    expect(dialog.querySelector('[data-part="ci"]')?.textContent).toBe("CI0/20the tip's checks failed");
    expect(dialog.textContent).toContain('Behind20/25');
    fireEvent.click(badge);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
