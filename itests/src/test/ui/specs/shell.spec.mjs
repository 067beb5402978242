import { test, expect, createUser, signIn, shot } from '../support.mjs';

// The frame around every page: keyboard shortcuts, themes, error pages, phone width.

test('"/" focuses the search field from anywhere, and searching opens the search page', async ({ page }) => {
  await page.goto('/explore');
  await page.locator('body').click();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(search).toBeFocused();
  await page.keyboard.type('tools');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=tools$/);
});

test('the theme switch changes the colours and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/explore');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByRole('button', { name: 'Switch theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).not.toBe(light);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'explore-dark');
});

test('a page that does not exist is a clear 404 inside the app', async ({ page }) => {
  const response = await page.goto('/settings-that-do-not-exist/at/all/x/y');
  // History-mode routing: the server answers the app, the app answers the 404.
  expect(response.status()).toBe(200);
  await expect(page.getByRole('heading', { name: /404/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the dashboard' })).toBeVisible();
});

test('at a phone width the header fits and nothing scrolls sideways', async ({ page }) => {
  const user = await createUser('phone');
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, user);
  for (const path of ['/', '/explore', `/${user.login}`, '/settings/profile', '/new']) {
    await page.goto(path);
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page.locator('main')).not.toBeEmpty();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await page.goto('/');
  await shot(page, 'dashboard-phone');
});
