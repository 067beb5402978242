import { test, expect, createUser, signIn, shot } from '../support.mjs';

// The SDK's example plugin (installed in the tested distribution) adds a "Notes" page to the navigation through a
// UiContribution service; the app loads the plugin's own ES module. Removal when its bundle stops is checked by
// DistributionIT.uiContributionsComeAndGoWithTheirBundle.
test('a plugin adds a navigation entry whose page is the plugin\'s own module', async ({ page }) => {
  const user = await createUser('notes');
  await signIn(page, user);
  const entry = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' });
  await expect(entry).toBeVisible();
  await entry.click();
  await expect(page).toHaveURL(/\/-\/notes$/);
  await expect(page.getByRole('heading', { name: 'Notes' })).toBeVisible();
  const text = `A note from the browser <b>not bold</b> ${Date.now()}`;
  await page.getByLabel('New note').fill(text);
  await page.getByRole('button', { name: 'Add note' }).click();
  // Text, not markup: the plugin page sets textContent.
  await expect(page.getByRole('list', { name: 'Notes' }).getByText(text)).toBeVisible();
  await shot(page, 'plugin-notes');
});

test('an unknown plugin page is the 404 page', async ({ page }) => {
  await page.goto('/-/no-such-plugin-page');
  await expect(page.getByRole('heading', { name: /404/ })).toBeVisible();
});
