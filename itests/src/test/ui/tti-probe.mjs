import { chromium } from '@playwright/test';
import { apiOk, createUser, pushFiles, BASE } from './support.mjs';
const user = await createUser('probe');
await apiOk('/user/repos', { method: 'POST', as: user, body: { name: 'perf-probe', description: 'Time to interactive' } });
const files = { 'README.md': '# Performance probe\n\nA repository page to time.\n' };
for (let i = 0; i < 40; i++) files[`src/module${i}/File${i}.java`] = `class File${i} {}\n`;
pushFiles(user.login, 'perf-probe', user, files);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'] });
const login = await browser.newContext({ baseURL: BASE });
const lp = await login.newPage();
await lp.goto('/');
const r = await lp.evaluate(async (u) => (await fetch('/api/v3/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: u.login, password: u.password }) })).status, user);
const state = await login.storageState();
const runs = Number(process.env.RUNS ?? 3);
for (let i = 0; i < runs; i++) {
  const ctx = await browser.newContext({ storageState: state, baseURL: BASE });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask', buffered: true });
    const done = () => [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Performance probe') && [...document.querySelectorAll('a')].some((a) => a.textContent === 'src');
    new MutationObserver((_, o) => { if (done()) { window.__interactiveAt = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(`/${user.login}/perf-probe`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__interactiveAt);
  const info = await page.evaluate(() => ({
    tti: Math.round(window.__interactiveAt),
    nav: (({ responseStart, responseEnd, domInteractive, domContentLoadedEventEnd }) => ({ responseStart: Math.round(responseStart), responseEnd: Math.round(responseEnd), domInteractive: Math.round(domInteractive), dcl: Math.round(domContentLoadedEventEnd) }))(performance.getEntriesByType('navigation')[0]),
    res: performance.getEntriesByType('resource').map((e) => `${Math.round(e.startTime)}-${Math.round(e.responseEnd)} ${e.name.replace(location.origin, '')}`),
    long: window.__long,
  }));
  console.log(JSON.stringify(info, null, 1));
  await ctx.close();
}
await browser.close();
