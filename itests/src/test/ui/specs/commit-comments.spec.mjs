// Commit comments in the browser: on a commit pushed with the real git, a reader comments on a changed line with the
// "+" of the commit page and on the whole commit; after a reload the line comment sits under its line (and only
// there), the whole-commit comment below the diff, and the author of the commit reacts to it.
import { test, expect, apiOk, createUser, unique, signIn, shot, pushFiles, git, gitUrl, writeFiles } from '../support.mjs';

test.describe.configure({ timeout: 180_000 });

test('a line comment posted on the commit page shows under its line after a reload', async ({ page }) => {
  const owner = await createUser('cc-owner');
  const reader = await createUser('cc-reader');
  const name = unique('commit-talk');
  const full = `${owner.login}/${name}`;
  await apiOk('/user/repos', { method: 'POST', as: owner, body: { name } });
  const dir = pushFiles(owner.login, name, owner, { 'src/app.js': "const a = 1;\nconst b = 2;\nconst c = 3;\n" }, 'Start');
  writeFiles(dir, { 'src/app.js': "const a = 1;\nconst b = 20;\nconst c = 3;\n" });
  git(dir, 'commit', '-q', '-am', 'Make b twenty');
  const sha = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'push', '-q', gitUrl(owner.login, name, owner), 'main');

  await signIn(page, reader);
  await page.goto(`/${full}/commit/${sha}`);
  await page.getByRole('button', { name: 'Unified' }).click();
  const added = page.locator('tr.add', { hasText: 'const b = 20;' });
  await added.hover();
  // The old side's lines take no comment: commit comments sit on the new side.
  await expect(page.getByRole('button', { name: /^Comment on line L/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Comment on line R2 of src/app.js' }).click();
  await page.getByRole('textbox', { name: 'Comment on line' }).fill('Why twenty?');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByTestId('commit-line-discussion')).toContainText('Why twenty?');

  await page.getByRole('textbox', { name: 'Comment on this commit' }).fill('Whole commit: looks fine.');
  await page.getByRole('button', { name: 'Comment on this commit' }).click();
  const general = page.getByRole('region', { name: 'Comments on this commit' });
  await expect(general).toContainText('Whole commit: looks fine.');

  await page.reload();
  const discussion = page.getByTestId('commit-line-discussion');
  await expect(discussion).toHaveCount(1);
  await expect(discussion).toContainText('Why twenty?');
  await expect(discussion).toHaveAttribute('data-line', '2');
  // Under its line: the row before the discussion's row is the commented one.
  const row = page.locator('tr.diff-extra').locator('xpath=preceding-sibling::tr[1]');
  await expect(row).toContainText('const b = 20;');
  await expect(general).toContainText('Whole commit: looks fine.');
  await expect(general.getByRole('heading')).toHaveText('2 comments on commit');
  await shot(page, 'commit-comments');

  // GitHub's shape through the API: the line, its diff position and the commit.
  const comments = await apiOk(`/repos/${full}/commits/${sha}/comments`, { as: owner });
  const onLine = comments.find((c) => c.path === 'src/app.js');
  expect(onLine).toMatchObject({ line: 2, position: 3, commit_id: sha, body: 'Why twenty?' });
  expect(onLine.user.login).toBe(reader.login);

  // The owner reacts; the count shows for everyone.
  await page.context().clearCookies();
  await signIn(page, owner);
  await page.goto(`/${full}/commit/${sha}`);
  const line = page.getByTestId('commit-line-discussion');
  await line.getByRole('button', { name: 'Add a reaction' }).click();
  await line.getByRole('menuitem', { name: 'rocket' }).click();
  await expect(line.getByRole('button', { name: 'rocket: 1' })).toBeVisible();
  expect((await apiOk(`/repos/${full}/comments/${onLine.id}`, { as: reader })).reactions.rocket).toBe(1);
});
