// Merge conflicts resolved in the browser: a pull request made with the real git conflicts with its base, the merge
// box offers "Resolve conflicts", the editor shows the file with diff3 markers, one click accepts both sides, and
// "Commit merge" writes a merge of the base into the head branch: the pull request turns mergeable and `git fetch`
// brings the two-parent merge commit with the resolved file.
import { test, expect, api, apiOk, createUser, unique, signIn, shot, pushFiles, git, gitUrl, writeFiles } from '../support.mjs';

test.describe.configure({ timeout: 240_000 });

test('a conflicting pull request is resolved in the conflict editor and becomes mergeable', async ({ page }) => {
  const author = await createUser('conflict-author');
  const name = unique('conflicts');
  const full = `${author.login}/${name}`;
  await apiOk('/user/repos', { method: 'POST', as: author, body: { name } });
  const dir = pushFiles(author.login, name, author, { 'app.txt': 'one\ntwo\nthree\n', 'README.md': '# conflicts\n' }, 'Start');
  const url = gitUrl(author.login, name, author);
  git(dir, 'checkout', '-q', '-b', 'shout');
  writeFiles(dir, { 'app.txt': 'ONE\ntwo\nthree\n', 'shout.txt': 'only on the head\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Shout one');
  git(dir, 'push', '-q', url, 'shout');
  git(dir, 'checkout', '-q', 'main');
  writeFiles(dir, { 'app.txt': 'uno\ntwo\nthree\n' });
  git(dir, 'commit', '-q', '-am', 'Uno');
  git(dir, 'push', '-q', url, 'main');
  const head = git(dir, 'rev-parse', 'shout').trim();
  const base = git(dir, 'rev-parse', 'main').trim();
  await apiOk(`/repos/${full}/pulls`, { method: 'POST', as: author, body: { title: 'Shout one', head: 'shout', base: 'main' } });

  // The REST view of the conflicts: one file, diff3 markers, one hunk.
  const conflicts = await apiOk(`/repos/${full}/pulls/1/merge-conflicts`, { as: author });
  expect(conflicts.conflicted).toBe(true);
  expect(conflicts.head.sha).toBe(head);
  expect(conflicts.base.sha).toBe(base);
  expect(conflicts.files.map((f) => f.path)).toEqual(['app.txt']);
  expect(conflicts.files[0].content).toBe('<<<<<<< shout\nONE\n||||||| base\none\n=======\nuno\n>>>>>>> main\ntwo\nthree\n');
  expect(conflicts.files[0].hunks).toEqual([{ start_line: 1, ours: ['ONE'], base: ['one'], theirs: ['uno'] }]);

  await signIn(page, author);
  await page.goto(`/${full}/pull/1`);
  await expect(page.getByTestId('merge-verdict')).toHaveText('This branch has conflicts that must be resolved', { timeout: 20_000 });
  await page.getByTestId('resolve-conflicts').click();
  await expect(page).toHaveURL(new RegExp(`/${full}/pull/1/conflicts$`));
  const text = page.getByTestId('conflict-text');
  await expect(text).toHaveValue(conflicts.files[0].content);
  await expect(page.getByTestId('marker-count')).toHaveText('1 conflict');
  await expect(page.getByTestId('commit-merge')).toBeDisabled();
  await expect(page.getByTestId('mark-resolved')).toBeDisabled();
  await shot(page, 'pull-conflicts-editor');

  await page.getByRole('button', { name: 'Accept both changes' }).click();
  await expect(text).toHaveValue('ONE\nuno\ntwo\nthree\n');
  await expect(page.getByTestId('marker-count')).toHaveText('0 conflicts');
  await page.getByTestId('mark-resolved').click();
  await expect(page.getByTestId('conflict-file')).toHaveAttribute('data-resolved', 'true');
  await page.getByTestId('commit-merge').click();

  // Back on the pull request: the merge commit is its new head, and it merges cleanly now.
  await expect(page).toHaveURL(new RegExp(`/${full}/pull/1$`));
  await expect(page.getByTestId('merge-verdict')).toHaveText('This branch has no conflicts with the base branch', { timeout: 30_000 });
  await shot(page, 'pull-conflicts-resolved');
  const pull = await apiOk(`/repos/${full}/pulls/1`, { as: author });
  expect(pull.mergeable).toBe(true);
  expect((await apiOk(`/repos/${full}/pulls/1/merge-conflicts`, { as: author })).conflicted).toBe(false);

  // The real git sees the merge commit on the head branch: parents head then base, the resolved file, the user as author.
  git(dir, 'fetch', '-q', url, 'shout');
  const merge = git(dir, 'rev-parse', 'FETCH_HEAD').trim();
  expect(merge).toBe(pull.head.sha);
  expect(git(dir, 'log', '-1', '--format=%P', 'FETCH_HEAD').trim()).toBe(`${head} ${base}`);
  expect(git(dir, 'log', '-1', '--format=%an <%ae>|%s', 'FETCH_HEAD').trim())
    .toBe(`User ${author.login} <${author.login}@example.test>|Merge branch 'main' into shout`);
  expect(git(dir, 'show', 'FETCH_HEAD:app.txt')).toBe('ONE\nuno\ntwo\nthree\n');
  expect(git(dir, 'show', 'FETCH_HEAD:shout.txt')).toBe('only on the head\n');

  // A reader who may not push sees the editor without the commit: the API refuses it too.
  const reader = await createUser('conflict-reader');
  const refused = await api(`/repos/${full}/pulls/1/merge-conflicts/resolution`, {
    method: 'POST', as: reader, body: { expected_head_sha: merge, files: { 'app.txt': 'x\n' } },
  });
  expect(refused.status).toBe(403);
});
