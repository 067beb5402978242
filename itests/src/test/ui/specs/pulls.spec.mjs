// Pull requests in the browser: a branch is proposed from the comparison page, the pull request's page shows the
// conversation, a reviewer's line comment with a suggested change sits under its line in "Files changed", the
// author applies the suggestion with one click (a real commit on the head branch), a required status check blocks
// the merge box until CI reports success, and the squash merge lands one commit on the base branch.
import { test, expect, api, apiOk, createUser, unique, signIn, shot, pushFiles, git, gitUrl, writeFiles } from '../support.mjs';

test.describe.configure({ timeout: 240_000 });

/** Signs in as another user: the sign-in page sends a signed-in visitor away, so the session goes first. */
async function switchTo(page, user) {
  await page.context().clearCookies();
  await signIn(page, user);
}

test('a pull request is opened, reviewed line by line, its suggestion applied, blocked by a check, then squash-merged', async ({ page }) => {
  const author = await createUser('pr-author');
  const reviewer = await createUser('pr-reviewer');
  const name = unique('pulls');
  const full = `${author.login}/${name}`;
  await apiOk('/user/repos', { method: 'POST', as: author, body: { name } });
  const dir = pushFiles(author.login, name, author, { 'src/parse.js': 'const a = 1;\nconst b = 2;\nconst c = 4;\n' }, 'Start');
  git(dir, 'checkout', '-q', '-b', 'parser');
  writeFiles(dir, { 'src/parse.js': 'const a = 1;\nconst b = 3;\nconst c = 4;\n' });
  git(dir, 'commit', '-q', '-am', 'Set b to three');
  git(dir, 'push', '-q', gitUrl(author.login, name, author), 'parser');
  await apiOk(`/repos/${full}/branches/main/protection`, {
    method: 'PUT', as: author,
    body: { required_status_checks: { strict: false, contexts: ['ci/build'] }, enforce_admins: true, required_pull_request_reviews: null, restrictions: null },
  });

  // The author opens it from the comparison.
  await signIn(page, author);
  await page.goto(`/${full}/compare/main...parser`);
  const form = page.getByRole('form', { name: 'Open a pull request' });
  await expect(form.getByLabel('Title')).toHaveValue('Set b to three');
  await form.getByLabel('Description').fill('Three is **better**.');
  await form.getByRole('button', { name: 'Open pull request' }).click();
  await expect(page).toHaveURL(new RegExp(`/${full}/pull/1$`));
  await expect(page.getByTestId('pull-title')).toHaveText('Set b to three');
  await expect(page.getByTestId('pull-body').locator('strong')).toHaveText('better');
  await expect(page.getByTestId('pull-state')).toContainText('Open');
  // Mergeable, but the required check has not reported.
  await expect(page.getByTestId('merge-verdict')).toHaveText('Merging is blocked');
  await expect(page.getByTestId('merge-reasons')).toContainText('ci/build');
  await expect(page.getByRole('button', { name: 'Merge pull request' })).toBeDisabled();

  // The reviewer comments on the changed line with a suggestion, in the browser.
  await switchTo(page, reviewer);
  await page.goto(`/${full}/pull/1/files`);
  const line = page.locator('tr.add', { hasText: 'const b = 3;' });
  await line.hover();
  await page.getByRole('button', { name: 'Comment on line R2 of src/parse.js' }).click();
  await page.getByRole('textbox', { name: 'Line comment' }).fill('Make it thirty.\n```suggestion\nconst b = 30;\n```');
  await page.getByRole('button', { name: 'Add single comment' }).click();
  const thread = page.getByTestId('review-thread');
  await expect(thread).toContainText('Make it thirty.');
  await expect(thread.getByTestId('suggestion')).toContainText('const b = 30;');
  await shot(page, 'pull-files-thread');

  // The author applies it: a commit on the head branch.
  await switchTo(page, author);
  await page.goto(`/${full}/pull/1/files`);
  await page.getByRole('button', { name: 'Apply suggestion' }).click();
  await expect.poll(async () => (await apiOk(`/repos/${full}/pulls/1/commits`, { as: author })).length, { timeout: 15_000 }).toBe(2);
  const head = (await apiOk(`/repos/${full}/pulls/1`, { as: author })).head.sha;
  const raw = await api(`/repos/${full}/contents/src/parse.js?ref=parser`, { as: author });
  expect(Buffer.from(raw.body.content, 'base64').toString()).toContain('const b = 30;');

  // CI reports on the new head: the merge box opens.
  await apiOk(`/repos/${full}/statuses/${head}`, { method: 'POST', as: author, body: { state: 'success', context: 'ci/build' } });
  await page.goto(`/${full}/pull/1`);
  await expect(page.getByTestId('checks')).toContainText('All checks have passed');
  await expect(page.getByTestId('merge-verdict')).toHaveText('This branch has no conflicts with the base branch', { timeout: 20_000 });
  await page.getByRole('combobox', { name: 'Merge method' }).selectOption('squash');
  await page.getByRole('button', { name: 'Squash and merge' }).click();
  await page.getByRole('button', { name: 'Confirm squash and merge' }).click();
  await expect(page.getByTestId('pull-state')).toContainText('Merged');
  await shot(page, 'pull-merged');

  const commits = await apiOk(`/repos/${full}/commits?sha=main`, { as: author });
  expect(commits).toHaveLength(2);
  expect(commits[0].parents).toHaveLength(1);
  expect(commits[0].commit.message).toContain('Set b to three (#1)');
});
