import { test, expect, createUser, signIn, shot, api } from '../support.mjs';

test('a wrong password shows an error and keeps the user on the sign-in page', async ({ page }) => {
  const user = await createUser('wrongpw');
  await page.goto('/login');
  await page.getByLabel('Username or email address').fill(user.login);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect login or password.');
  await expect(page).toHaveURL(/\/login/);
  await shot(page, 'sign-in-error');
});

test('signing in sets an HttpOnly session cookie and signing out ends the session', async ({ page, context }) => {
  const user = await createUser('signin');
  await signIn(page, user);
  const cookie = (await context.cookies()).find((c) => c.name === 'codara_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
  expect(await page.evaluate(() => document.cookie)).not.toContain('codara_session');
  const sessions = await api('/user/sessions', { as: user });
  expect(sessions.body.length).toBeGreaterThan(0);

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'codara_session')).toBeUndefined();
});

test('every page is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/explore');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});
