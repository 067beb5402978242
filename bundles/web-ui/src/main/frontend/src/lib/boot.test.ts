import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// public/boot.js runs before the app: it sets the theme, starts the page's first GETs and preloads its route's code.
const source = readFileSync(resolve(process.cwd(), 'public/boot.js'), 'utf8');
const chunks = {
  dashboard: ['/assets/Dashboard-1.js', '/assets/dashboard-1.css'],
  repository: ['/assets/RepoLayout-1.js'],
  'repository-home': ['/assets/Home-1.js', '/assets/marked-1.js'],
};

function boot(path: string, hints: unknown = chunks) {
  // null: a page without the build's hints (as in the dev server)
  window.history.replaceState(null, '', path);
  document.head.innerHTML = hints === null ? ''
    : `<meta name="codara-route-chunks" content="${JSON.stringify(hints).replace(/"/g, '&quot;')}">`;
  new Function(source)();
}

const requested = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls.map(([url]) => url);
const preloaded = () => [...document.head.querySelectorAll('link')].map((l) => `${l.rel}${l.rel === 'preload' ? `:${l.getAttribute('as')}` : ''} ${l.getAttribute('href')}`);

describe('boot.js', () => {
  let fetch: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetch = vi.fn(() => Promise.resolve(new Response('{}')));
    vi.stubGlobal('fetch', fetch);
    delete window.__codaraEarly;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('on a repository\'s front page asks for the session, the repository, its README and files, and preloads their code', () => {
    boot('/alice/tools');
    expect(requested(fetch)).toEqual(['/api/v3/session', '/api/v3/repos/alice/tools', '/api/v3/repos/alice/tools/contents',
      '/api/v3/repos/alice/tools/readme']);
    expect(Object.keys(window.__codaraEarly!)).toEqual(['/session', '/repos/alice/tools', '/repos/alice/tools/contents',
      '/repos/alice/tools/readme']);
    expect(preloaded()).toEqual(['modulepreload /assets/RepoLayout-1.js', 'modulepreload /assets/Home-1.js', 'modulepreload /assets/marked-1.js']);
    expect(fetch.mock.calls[0][1]).toMatchObject({ headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    expect(document.documentElement.getAttribute('data-theme')).toMatch(/^(light|dark)$/);
  });

  it('deeper in a repository asks only for the repository, with its name encoded as the app encodes it', () => {
    boot('/alice/my%20tools/tree/main/src');
    expect(requested(fetch)).toEqual(['/api/v3/session', '/api/v3/repos/alice/my%20tools']);
    expect(preloaded()).toEqual(['modulepreload /assets/RepoLayout-1.js']);
  });

  it('on the dashboard preloads its code and style sheets', () => {
    boot('/');
    expect(requested(fetch)).toEqual(['/api/v3/session']);
    expect(preloaded()).toEqual(['modulepreload /assets/Dashboard-1.js', 'preload:style /assets/dashboard-1.css']);
  });

  it('a repository\'s plugin tab asks for the repository, which its frame shows', () => {
    boot('/alice/tools/-/notes');
    expect(requested(fetch)).toEqual(['/api/v3/session', '/api/v3/repos/alice/tools']);
  });

  it('the app\'s own pages, plugin pages and malformed names start nothing else', () => {
    for (const path of ['/settings/tokens', '/explore', '/-/notes', '/alice/%E0%A4%A/x']) {
      fetch.mockClear();
      boot(path);
      expect(requested(fetch), path).toEqual(['/api/v3/session']);
    }
  });

  it('without the build\'s hints still starts the requests', () => {
    boot('/alice/tools', null);
    expect(requested(fetch)).toHaveLength(4);
    expect(preloaded()).toEqual([]);
  });
});
