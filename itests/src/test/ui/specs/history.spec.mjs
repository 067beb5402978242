// History in the web UI: commits, one commit's diff (unified and split), branches, tags, compare, the multi-branch
// comparison and the fork network.
import { test, expect, apiOk, createUser, pushFiles, git, gitUrl, writeFiles, signIn, shot } from '../support.mjs';

test.describe.configure({ mode: 'serial' });

let owner;
let repo;
let greetSha;

test.beforeAll(async () => {
  owner = await createUser('hist');
  repo = (await apiOk('/user/repos', { method: 'POST', as: owner, body: { name: 'history-demo' } })).name;
  const dir = pushFiles(owner.login, repo, owner, {
    'README.md': '# History demo\n',
    'src/app.js': "console.log('one');\n",
    'docs/guide.md': 'A guide.\n',
  }, 'Add the first files');
  writeFiles(dir, { 'src/app.js': "console.log('one');\nconsole.log('hello world');\n" });
  git(dir, 'commit', '-q', '-am', 'Greet the world\n\nThe body explains why the world needs greeting.');
  greetSha = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'tag', 'v1.0');
  git(dir, 'checkout', '-q', '-b', 'feature/x');
  writeFiles(dir, { 'feature.txt': 'a feature line\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Start the feature');
  git(dir, 'push', '-q', gitUrl(owner.login, repo, owner), 'main', 'feature/x', 'v1.0');
});

test('the commits list shows the history by day, and a path or an author narrows it', async ({ page }) => {
  await signIn(page, owner);
  await page.goto(`/${owner.login}/${repo}/commits`);
  const list = page.locator('.commit-groups');
  await expect(list.getByRole('link', { name: 'Greet the world' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Add the first files' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Commits on / })).toBeVisible();
  await expect(page.getByLabel('Branch or tag')).toHaveValue('main');
  await shot(page, 'commits');

  // The body shows on demand.
  await page.getByRole('button', { name: 'Show the full message' }).click();
  await expect(page.getByText('The body explains why the world needs greeting.')).toBeVisible();

  // The history of one path: only the commit that touched it, with a breadcrumb back.
  await page.goto(`/${owner.login}/${repo}/commits/main/docs/guide.md`);
  await expect(page.getByRole('navigation', { name: 'Path' })).toContainText('History for history-demo / docs / guide.md');
  await expect(list.getByRole('link', { name: 'Add the first files' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Greet the world' })).toHaveCount(0);

  // Switching the ref keeps the path; feature/x has its own commit.
  await page.goto(`/${owner.login}/${repo}/commits`);
  await page.getByLabel('Branch or tag').selectOption('feature/x');
  await expect(page).toHaveURL(/\/commits\/feature\/x$/);
  await expect(list.getByRole('link', { name: 'Start the feature' })).toBeVisible();

  // An author nobody is has no commits, and says so.
  await page.getByLabel('Author').fill('nobody-at-all');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('heading', { name: 'No commits found' })).toBeVisible();
});

test('a commit shows its message, stats and diff, in unified and split views, with collapsible files', async ({ page }) => {
  await signIn(page, owner);
  await page.goto(`/${owner.login}/${repo}/commits`);
  await page.locator('.commit-groups').getByRole('link', { name: 'Greet the world' }).click();
  await expect(page).toHaveURL(new RegExp(`/commit/${greetSha}$`));
  await expect(page.getByRole('heading', { name: 'Greet the world' })).toBeVisible();
  await expect(page.getByText('The body explains why the world needs greeting.')).toBeVisible();
  await expect(page.getByText(greetSha)).toBeVisible();
  await expect(page.getByText('1 parent')).toBeVisible();
  await expect(page.getByTestId('diff-summary')).toHaveText('1 file changed, 1 addition, 0 deletions');

  await page.getByRole('button', { name: 'Unified' }).click();
  const file = page.locator('section.diff-file', { hasText: 'src/app.js' });
  const added = file.locator('tr', { hasText: "console.log('hello world');" });
  await expect(added).toBeVisible();
  await expect(added).toContainText("+console.log('hello world');");
  await expect(added.locator('td')).toHaveCount(3);
  await shot(page, 'commit-unified');

  // Split: the old and the new side each have a number and a code column.
  await page.getByRole('button', { name: 'Split' }).click();
  await expect(page.getByRole('button', { name: 'Split' })).toHaveAttribute('aria-pressed', 'true');
  const row = file.locator('tr', { hasText: "console.log('hello world');" });
  await expect(row.locator('td')).toHaveCount(4);
  await expect(row.locator('td').nth(1)).toHaveText('');
  await expect(row.locator('td').nth(3)).toContainText("console.log('hello world');");
  await shot(page, 'commit-split');

  // The choice is remembered.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Split' })).toHaveAttribute('aria-pressed', 'true');

  // Collapsing a file hides its lines.
  await page.getByRole('button', { name: 'Collapse src/app.js' }).click();
  await expect(file.locator('tr', { hasText: 'hello world' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Expand src/app.js' }).click();
  await expect(file.locator('tr', { hasText: 'hello world' })).toBeVisible();
  await page.getByRole('button', { name: 'Unified' }).click();
});

test('branches show ahead and behind against the default branch, and tags their archives', async ({ page }) => {
  await signIn(page, owner);
  await page.goto(`/${owner.login}/${repo}/branches`);
  await expect(page.getByRole('heading', { name: 'Default branch' })).toBeVisible();
  const feature = page.locator('li[data-branch="feature/x"]');
  await expect(feature.getByRole('link', { name: 'feature/x' })).toBeVisible();
  await expect(feature.getByTestId('ahead-behind')).toHaveAttribute('data-ahead', '1');
  await expect(feature.getByTestId('ahead-behind')).toHaveAttribute('data-behind', '0');
  await expect(feature).toContainText('Updated');
  await shot(page, 'branches');

  await page.getByLabel('Find a branch').fill('nothing-like-this');
  await expect(page.getByText('No branch matches')).toBeVisible();
  await page.getByLabel('Find a branch').fill('feat');
  await feature.getByRole('link', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/compare\/main\.\.\.feature\/x$/);

  await page.goto(`/${owner.login}/${repo}/tags`);
  const tag = page.locator('li[data-tag="v1.0"]');
  await expect(tag.getByRole('link', { name: 'v1.0', exact: true })).toBeVisible();
  await expect(tag).toContainText('Greet the world');
  await expect(tag.getByRole('link', { name: 'Download v1.0 as zip' })).toHaveAttribute('href', `/api/v3/repos/${owner.login}/${repo}/zipball/refs/tags/v1.0`);
  await expect(tag.getByRole('link', { name: `Commit ${greetSha.slice(0, 7)}` })).toBeVisible();
});

test('compare shows the head’s commits and diff, and swaps', async ({ page }) => {
  await signIn(page, owner);
  await page.goto(`/${owner.login}/${repo}/compare`);
  await page.getByLabel('compare', { exact: true }).fill('feature/x');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/\/compare\/main\.\.\.feature\/x$/);
  await expect(page.getByTestId('compare-status')).toHaveText('feature/x is 1 commit ahead of main.');
  await expect(page.getByRole('link', { name: 'Start the feature' })).toBeVisible();
  await expect(page.locator('tr', { hasText: 'a feature line' })).toContainText('+a feature line');
  await shot(page, 'compare');

  await page.getByRole('button', { name: 'Swap base and head' }).click();
  await expect(page).toHaveURL(/\/compare\/feature\/x\.\.\.main$/);
  await expect(page.getByTestId('compare-status')).toHaveText('main is 1 commit behind feature/x.');
  await expect(page.getByRole('heading', { name: 'There isn’t anything to compare' })).toBeVisible();
});

test('compare-branches has a row per head with ahead, behind and mergeability', async ({ page }) => {
  const dir = pushFiles(owner.login, repo, owner, { 'other.txt': 'unrelated\n' }, 'Unrelated root', 'lonely');
  expect(dir).toBeTruthy();
  await signIn(page, owner);
  await page.goto(`/${owner.login}/${repo}/compare-branches`);
  const feature = page.locator('tr[data-branch="feature/x"]');
  await expect(feature.getByTestId('ahead')).toHaveText('1');
  await expect(feature.getByTestId('behind')).toHaveText('0');
  await expect(feature.getByTestId('mergeable')).toHaveText('Yes');
  await expect(page.locator('tr[data-branch="lonely"]')).toBeVisible();
  await shot(page, 'compare-branches');

  // Unchecking a head drops its row.
  await page.getByRole('checkbox', { name: 'lonely' }).uncheck();
  await expect(page.locator('tr[data-branch="lonely"]')).toHaveCount(0);
  await expect(feature).toBeVisible();
});

test('the forks page shows the network and forks through the form', async ({ page }) => {
  const forker = await createUser('forker');
  await apiOk(`/repos/${owner.login}/${repo}/forks`, { method: 'POST', as: forker, body: {} });
  const user = await createUser('uifork');
  await signIn(page, user);
  await page.goto(`/${owner.login}/${repo}/forks`);
  const tree = page.getByTestId('fork-tree');
  await expect(tree.getByRole('link', { name: `${owner.login}/${repo}` })).toBeVisible();
  await expect(tree.locator(`li[data-repo="${owner.login}/${repo}"] li[data-repo="${forker.login}/${repo}"]`)).toBeVisible();
  await shot(page, 'forks');

  await expect(page.getByLabel('Owner')).toHaveValue('');
  await page.getByRole('button', { name: 'Fork', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${repo}$`));
  await expect(page.getByText(`forked from ${owner.login}/${repo}`)).toBeVisible();
});
