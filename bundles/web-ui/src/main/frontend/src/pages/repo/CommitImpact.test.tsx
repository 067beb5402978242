import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommitImpact, impactSummary, type ImpactJson } from './CommitImpact';

const sha = 'b'.repeat(40);
const json = (body: unknown, code = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } }));

const impact: ImpactJson = {
  sha,
  parent: 'a'.repeat(40),
  merge: false,
  files: [{ filename: 'core/src/main/java/shop/core/Money.java', status: 'modified', additions: 1, deletions: 1, language: 'Java', module: 'core' }],
  files_truncated: false,
  modules: [{ name: 'core', kind: 'maven', path: 'core', build_file: 'core/pom.xml', files: ['core/src/main/java/shop/core/Money.java'] }],
  dependents: {
    modules: [
      { name: 'api', kind: 'maven', path: 'api', build_file: 'api/pom.xml', depth: 1, via: 'core', relation: 'depends', line: 7, text: '<dependency> shop:core', reason: 'depends on core (api/pom.xml:7)' },
      { name: 'web', kind: 'maven', path: 'web', build_file: 'web/pom.xml', depth: 2, via: 'api', relation: 'depends', line: 7, text: '<dependency> shop:api', reason: 'depends on api (web/pom.xml:7)' },
    ],
    files: [{ filename: 'api/src/main/java/shop/api/Prices.java', language: 'Java', module: 'api', changed: false,
      reasons: [{ kind: 'import', changed_file: 'core/src/main/java/shop/core/Money.java', line: 3, text: 'import shop.core.Money;', why: 'imports shop.core.Money' }] }],
    total_files: 3,
    truncated: true,
  },
  owners: {
    codeowners: 'CODEOWNERS',
    total: [{ owner: '@acme/core', type: 'team', files: ['core/src/main/java/shop/core/Money.java'] },
      { owner: '@impactor', type: 'user', files: ['core/src/main/java/shop/core/Money.java'] },
      { owner: 'money@example.com', type: 'email', files: ['core/src/main/java/shop/core/Money.java'] }],
    files: [{ filename: 'core/src/main/java/shop/core/Money.java', owners: ['@acme/core', '@impactor', 'money@example.com'] }],
  },
  tests: [{ filename: 'core/src/test/java/shop/core/MoneyTest.java', language: 'Java', module: 'core', changed: false,
    reasons: [{ kind: 'naming', changed_file: 'core/src/main/java/shop/core/Money.java', line: null, text: null, why: 'named after Money.java (in the mirrored test directory core/src/test/java/shop/core)' }] }],
  scan: { scanned_files: 20000, skipped_large_files: 0, truncated: true },
  truncated: true,
};

describe('impactSummary', () => {
  it('counts what the commit touches and reaches', () => {
    expect(impactSummary(impact)).toBe('1 module touched · 2 dependent modules · 3 dependent files · 1 test · 3 owners to notify');
  });
});

describe('CommitImpact', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows modules, dependents with their import lines, owners and tests, each with why', async () => {
    vi.stubGlobal('fetch', vi.fn((url: string) => {
      expect(url).toBe(`/api/v3/repos/impactor/impact-app/commits/${sha}/impact`);
      return json(impact);
    }));
    render(<MemoryRouter><CommitImpact base="/repos/impactor/impact-app" home="/impactor/impact-app" sha={sha} /></MemoryRouter>);
    const touched = await screen.findByRole('list', { name: 'Modules touched' });
    expect(touched.textContent).toContain('core');
    expect(touched.textContent).toContain('maven');
    const modules = screen.getByRole('list', { name: 'Dependent modules' });
    expect(within(modules).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'api depends on core (api/pom.xml:7) <dependency> shop:core',
      'web depth 2, depends on api (web/pom.xml:7) <dependency> shop:api',
    ]);
    const files = screen.getByRole('list', { name: 'Dependent files' });
    const importLine = within(files).getByRole('link', { name: '3: import shop.core.Money;' });
    expect(importLine.getAttribute('href')).toBe(`/impactor/impact-app/blob/${sha}/api/src/main/java/shop/api/Prices.java#L3`);
    expect(files.textContent).toContain('imports shop.core.Money');
    expect(screen.getByText('Showing 1 of 3 dependent files.')).toBeTruthy();
    const owners = screen.getByRole('list', { name: 'Owners to notify' });
    expect(within(owners).getByRole('link', { name: '@impactor' }).getAttribute('href')).toBe('/impactor');
    expect(within(owners).queryByRole('link', { name: '@acme/core' })).toBeNull();
    expect(owners.textContent).toContain('money@example.com email');
    const tests = screen.getByRole('list', { name: 'Tests' });
    expect(tests.textContent).toContain('core/src/test/java/shop/core/MoneyTest.java');
    expect(tests.textContent).toContain('named after Money.java');
    expect(screen.getByText(/Only 20,000 source files were scanned for imports/)).toBeTruthy();
    // Each section collapses.
    const summary = screen.getByText('Tests (1)');
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.parentElement?.hasAttribute('open')).toBe(true);
  });

  it('says when there is nothing, and shows nothing when the analysis is not there', async () => {
    const empty: ImpactJson = { ...impact, modules: [], dependents: { modules: [], files: [], total_files: 0, truncated: false },
      owners: { codeowners: null, total: [], files: [] }, tests: [], scan: { scanned_files: 0, skipped_large_files: 0, truncated: false }, truncated: false };
    vi.stubGlobal('fetch', vi.fn(() => json(empty)));
    render(<MemoryRouter><CommitImpact base="/repos/a/b" home="/a/b" sha={sha} /></MemoryRouter>);
    expect(await screen.findByText('No build module owns the changed files.')).toBeTruthy();
    expect(screen.getByText('No file outside the change imports it.')).toBeTruthy();
    expect(screen.getByText('This commit has no CODEOWNERS file.')).toBeTruthy();
    expect(screen.getByText('No test imports the changed code or is named after it.')).toBeTruthy();
    cleanup();

    vi.stubGlobal('fetch', vi.fn(() => json({ message: 'Not Found' }, 404)));
    const { container } = render(<MemoryRouter><CommitImpact base="/repos/a/b" home="/a/b" sha={sha} /></MemoryRouter>);
    await vi.waitFor(() => expect(container.querySelector('.commit-impact')).toBeNull());
  });
});
