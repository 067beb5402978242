// What every UI test needs: the server's address and admin, users and repositories made through the REST API,
// git, sign-in, screenshots, and a page that fails the test on any script error or CSP violation.
import { test as base, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const BASE = process.env.CODARA_URL ?? 'http://localhost:8080';
export const ADMIN = { login: 'admin', password: process.env.CODARA_ADMIN_PASSWORD ?? 'admin' };
export const SCREENSHOTS = process.env.CODARA_SCREENSHOTS ?? 'screenshots';

let counter = 0;
/** A name no other test or run uses: prefix-<time>-<n>. */
export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/** A REST call with Basic credentials (admin's by default); answers {status, body}. */
export async function api(path, { method = 'GET', body, as = ADMIN } = {}) {
  const response = await fetch(`${BASE}/api/v3${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      Authorization: 'Basic ' + Buffer.from(`${as.login}:${as.password}`).toString('base64'),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: response.status, body: json };
}

/** Calls the API and fails the test unless the status is one of `ok`. */
export async function apiOk(path, options = {}, ok = [200, 201, 202, 204]) {
  const result = await api(path, options);
  if (!ok.includes(result.status)) {
    throw new Error(`${options.method ?? 'GET'} ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return result.body;
}

/** A new user, made by the admin; answers {login, password}. */
export async function createUser(prefix = 'user') {
  const login = unique(prefix);
  const password = `pw-${login}-long-enough`;
  await apiOk('/admin/users', { method: 'POST', body: { login, email: `${login}@example.test`, password, name: `User ${login}` } });
  return { login, password };
}

/** Runs git in `cwd` and answers its output; throws with git's message on failure. */
export function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'user.name=UI Test', '-c', 'user.email=ui-test@example.test',
    '-c', 'init.defaultBranch=main', '-c', 'credential.helper=', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The clone URL with credentials in it, for git. */
export function gitUrl(owner, repo, as) {
  const url = new URL(`${BASE}/${owner}/${repo}.git`);
  url.username = encodeURIComponent(as.login);
  url.password = encodeURIComponent(as.password);
  return url.toString();
}

/**
 * Makes a local repository with `files` ({path: content}), commits it and pushes it to owner/repo (which must
 * exist). Answers the working directory for more commits.
 */
export function pushFiles(owner, repo, as, files, message = 'Add files', branch = 'main') {
  const dir = mkdtempSync(join(tmpdir(), 'codara-ui-'));
  git(dir, 'init', '-q', '-b', branch);
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  git(dir, 'push', '-q', gitUrl(owner, repo, as), `HEAD:refs/heads/${branch}`);
  return dir;
}

export function writeFiles(dir, files) {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Signs in through the sign-in page and waits until the app knows the user. */
export async function signIn(page, user) {
  await page.goto('/login');
  await page.getByLabel('Username or email address').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** A full-page screenshot under the screenshots folder, for a reviewer to look at. */
export async function shot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The test, with a page that records uncaught errors, console errors and CSP violations, and fails the test if any
 * happened: a page that works only because nobody looked at the console does not pass.
 */
export const test = base.extend({
  /**
   * Console errors a spec expects, as one regular expression (`test.use({ allowedConsole: /.../ })`). Chromium reports
   * a CSP violation for an inline handler (`onerror=`) as soon as hostile HTML is parsed, even by DOMParser or a
   * <template> for the sanitiser, where it never runs: a spec that feeds such HTML allows that report, and asserts
   * itself that nothing ran.
   */
  allowedConsole: [null, { option: true }],
  page: async ({ page, allowedConsole }, use) => {
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // A deliberate 4xx/5xx of the API shows as a failed resource load: expected in error-path tests.
      if (/Failed to load resource: the server responded with a status of (4|5)\d\d/.test(text)) return;
      if (allowedConsole && allowedConsole.test(text)) return;
      problems.push(`console error: ${text}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
      });
    });
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

export { expect };
