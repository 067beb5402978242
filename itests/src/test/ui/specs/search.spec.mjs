// Code search in the browser: a push is indexed, the code tab shows the matching line with the match marked, the
// keyboard walks to it and opens the file at that line; a private repository's code never shows to someone else.
import { test, expect, api, apiOk, createUser, unique, pushFiles, signIn, shot } from '../support.mjs';

const JAVA = `package org.acme.time;

import java.time.LocalDate;

/** Reads the dates our partners send. */
public final class PartnerDates {

    public static LocalDate parsePartnerDate(String text) {
        return LocalDate.parse(text.trim());
    }
}
`;

/** Waits until the index answers `q` for `as` with at least one file. */
async function indexed(q, as) {
  await expect.poll(async () => (await api(`/search/code/lines?q=${encodeURIComponent(q)}`, { as })).body?.total_count ?? -1,
    { timeout: 60_000, message: `the index never answered ${q}` }).toBeGreaterThan(0);
}

test('the code tab finds a pushed definition, marks the match and opens the file at its line', async ({ page }) => {
  const user = await createUser('code');
  const repo = unique('dates');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name: repo } });
  pushFiles(user.login, repo, user, { 'src/main/java/org/acme/time/PartnerDates.java': JAVA, 'README.md': '# Dates\n' });
  await indexed(`parsePartnerDate repo:${user.login}/${repo}`, user);

  await signIn(page, user);
  await page.goto(`/search?type=code&q=${encodeURIComponent(`parsePartnerDate repo:${user.login}/${repo}`)}`);
  const results = page.getByRole('list', { name: 'Code results' });
  await expect(page.getByRole('heading', { name: '1 code result' })).toBeVisible();
  const path = results.getByRole('link', { name: 'src/main/java/org/acme/time/PartnerDates.java', exact: true });
  await expect(path).toBeVisible();
  await expect(results.getByRole('link', { name: /defines method parsePartnerDate/ })).toBeVisible();
  await expect(results.locator('mark', { hasText: 'parsePartnerDate' })).toBeVisible();
  await shot(page, 'search-code');

  // The keyboard: from the field, ↓ reaches the result and Enter opens the file; the line link goes to the line.
  await page.getByLabel('Search code').focus();
  await page.keyboard.press('ArrowDown');
  await expect(path).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${repo}/blob/main/src/main/java/org/acme/time/PartnerDates\\.java$`));
  await page.goBack();
  await results.getByRole('link', { name: 'src/main/java/org/acme/time/PartnerDates.java line 8' }).click();
  await expect(page).toHaveURL(/PartnerDates\.java#L8$/);
  await expect(page.getByText('public static LocalDate parsePartnerDate(String text) {')).toBeVisible();

  // Go to definition: a click on an identifier in the code opens its definitions and references.
  await page.locator('tr[data-line="8"] .line-code').getByText('parsePartnerDate', { exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Symbol parsePartnerDate' });
  await expect(panel.getByRole('list', { name: 'Definitions' }).getByRole('link', { name: /parsePartnerDate/ })).toBeVisible();
  await expect(panel.getByText('src/main/java/org/acme/time/PartnerDates.java:8')).toBeVisible();
  await shot(page, 'symbol-panel');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  // The symbols tab finds it by its initials.
  await page.goto(`/search?type=symbols&q=${encodeURIComponent(`pPD repo:${user.login}/${repo}`)}`);
  await expect(page.getByRole('list', { name: 'Symbols' }).getByRole('link', { name: 'org.acme.time.PartnerDates.parsePartnerDate' })).toBeVisible();

  // A regular expression and a phrase, typed in the field.
  await page.goto('/search?type=code');
  await page.getByLabel('Search code').fill(`/parse[A-Z]\\w+Date/ repo:${user.login}/${repo}`);
  await page.getByLabel('Search code').press('Enter');
  await expect(page.getByRole('list', { name: 'Code results' }).locator('mark', { hasText: 'parsePartnerDate' })).toBeVisible();
  await page.getByLabel('Search code').fill(`/unclosed( repo:${user.login}/${repo}`);
  await page.getByLabel('Search code').press('Enter');
  await expect(page.getByRole('alert')).toContainText(/regular expression|regex/i);
});

test('a private repository’s code is never shown to another user, not even as a count', async ({ page }) => {
  const owner = await createUser('secret');
  const other = await createUser('curious');
  const repo = unique('vault');
  const marker = `zq${unique('marker').replace(/[^a-z0-9]/gi, '')}`;
  await apiOk('/user/repos', { method: 'POST', as: owner, body: { name: repo, private: true } });
  pushFiles(owner.login, repo, owner, { 'secret.py': `def ${marker}():\n    return 42\n` });
  await indexed(marker, owner);

  const seen = await apiOk(`/search/code?q=${marker}`, { as: other });
  expect(seen.total_count).toBe(0);
  await signIn(page, other);
  await page.goto(`/search?type=code&q=${marker}`);
  await expect(page.getByText(`No code matches “${marker}”`)).toBeVisible();
});
