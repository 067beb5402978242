// Merging and rebasing by themselves, in the browser: "Enable auto-merge" in the merge box of a pull request whose
// required status check is pending turns auto-merge on, and the status posted green over REST merges it in the
// background; the "Auto-rebase" switch of another pull request turns auto-rebase on, and a git push to main moves
// the head branch onto the new main, which the merge box then reports.
import { test, expect, apiOk, createUser, unique, signIn, shot, pushFiles, git, gitUrl, writeFiles } from '../support.mjs';

test.describe.configure({ timeout: 180_000 });

/** A repository of a new user with `main` and a branch `topic` one commit ahead; answers what the test needs. */
async function repositoryWithBranch(prefix) {
  const author = await createUser(prefix);
  const name = unique(prefix);
  const full = `${author.login}/${name}`;
  await apiOk('/user/repos', { method: 'POST', as: author, body: { name } });
  const dir = pushFiles(author.login, name, author, { 'README.md': '# start\n' }, 'Start');
  git(dir, 'checkout', '-q', '-b', 'topic');
  writeFiles(dir, { 'topic.txt': 'the topic\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Add the topic');
  git(dir, 'push', '-q', gitUrl(author.login, name, author), 'topic');
  return { author, name, full, dir };
}

test('"Enable auto-merge" waits for the pending required check and merges once it is green', async ({ page }) => {
  const { author, full } = await repositoryWithBranch('automerge');
  await apiOk(`/repos/${full}/branches/main/protection`, {
    method: 'PUT', as: author,
    body: { required_status_checks: { strict: false, contexts: ['ci/auto'] }, enforce_admins: true, required_pull_request_reviews: null, restrictions: null },
  });
  const opened = await apiOk(`/repos/${full}/pulls`, { method: 'POST', as: author, body: { title: 'Add the topic', head: 'topic', base: 'main' } });
  await apiOk(`/repos/${full}/statuses/${opened.head.sha}`, { method: 'POST', as: author, body: { state: 'pending', context: 'ci/auto' } });

  await signIn(page, author);
  await page.goto(`/${full}/pull/${opened.number}`);
  await expect(page.getByTestId('merge-verdict')).toHaveText('Merging is blocked', { timeout: 20_000 });
  await expect(page.getByTestId('merge-reasons')).toContainText('"ci/auto" is pending');
  await expect(page.getByRole('button', { name: 'Merge pull request' })).toBeDisabled();
  await page.getByRole('button', { name: 'Enable auto-merge' }).click();
  await expect(page.getByTestId('auto-merge')).toContainText('Auto-merge is on (merge)');
  await expect(page.getByRole('button', { name: 'Disable auto-merge' })).toBeVisible();
  const enabled = await apiOk(`/repos/${full}/pulls/${opened.number}`, { as: author });
  expect(enabled.auto_merge.enabled_by.login).toBe(author.login);
  expect(enabled.state).toBe('open');
  await shot(page, 'pull-auto-merge-enabled');

  // CI reports success over REST: a node merges it in the background, in the enabler's name.
  await apiOk(`/repos/${full}/statuses/${opened.head.sha}`, { method: 'POST', as: author, body: { state: 'success', context: 'ci/auto' } });
  await expect.poll(async () => (await apiOk(`/repos/${full}/pulls/${opened.number}`, { as: author })).merged, { timeout: 60_000 }).toBe(true);
  const merged = await apiOk(`/repos/${full}/pulls/${opened.number}`, { as: author });
  expect(merged.merged_by.login).toBe(author.login);
  expect(merged.auto_merge).toBeNull();
  await page.reload();
  await expect(page.getByTestId('pull-state')).toContainText('Merged');
  await expect(page.getByTestId('merge-box')).toContainText('Pull request successfully merged and closed');
  const main = await apiOk(`/repos/${full}/branches/main`, { as: author });
  expect(main.commit.sha).toBe(merged.merge_commit_sha);
});

test('the "Auto-rebase" switch makes the head branch follow main after a git push', async ({ page }) => {
  const { author, name, full, dir } = await repositoryWithBranch('autorebase');
  const opened = await apiOk(`/repos/${full}/pulls`, { method: 'POST', as: author, body: { title: 'Add the topic', head: 'topic', base: 'main' } });

  await signIn(page, author);
  await page.goto(`/${full}/pull/${opened.number}`);
  const box = page.getByRole('checkbox', { name: 'Auto-rebase' });
  await expect(box).not.toBeChecked();
  // The switch shows what the server says: checked once auto-rebase is on.
  await box.click();
  await expect(box).toBeChecked();
  await expect(page.getByTestId('auto-rebase')).toHaveAttribute('data-enabled', 'true');
  await expect(page.getByTestId('auto-rebase')).toContainText(`in ${author.login}’s name`);
  expect((await apiOk(`/repos/${full}/pulls/${opened.number}/auto-rebase`, { as: author })).enabled_by.login).toBe(author.login);

  // main moves with a real git push; the head branch is rebased onto it in the background.
  git(dir, 'checkout', '-q', 'main');
  writeFiles(dir, { 'MAIN.md': 'main moved\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Move main');
  git(dir, 'push', '-q', gitUrl(author.login, name, author), 'main');
  const main = git(dir, 'rev-parse', 'HEAD').trim();
  await expect.poll(async () => (await apiOk(`/repos/${full}/pulls/${opened.number}`, { as: author })).auto_rebase?.last_result?.state,
    { timeout: 60_000 }).toBe('rebased');
  git(dir, 'fetch', '-q', gitUrl(author.login, name, author), 'topic');
  expect(git(dir, 'rev-parse', 'FETCH_HEAD^').trim()).toBe(main);
  await page.reload();
  await expect(page.getByTestId('auto-rebase-result')).toHaveAttribute('data-state', 'rebased');
  await expect(page.getByTestId('auto-rebase-result')).toContainText('Rebased');
  await shot(page, 'pull-auto-rebased');
});
