// Creating repositories (/new), administering them (/o/r/settings) and sign-up, as a user does it in the browser;
// the API is only used to set up and to check what the UI did.
import { test, expect, api, apiOk, createUser, unique, signIn, shot, BASE } from '../support.mjs';

// Each test walks several pages on a real server; on a loaded machine that takes longer than the default.
test.describe.configure({ timeout: 180_000 });

async function contents(owner, repo, as) {
  const list = await apiOk(`/repos/${owner}/${repo}/contents/`, { as });
  return list.map((e) => e.name).sort();
}

test('creates a repository with a README, a .gitignore and a licence through /new', async ({ page }) => {
  const user = await createUser('newrepo');
  await signIn(page, user);
  await page.goto('/new');
  const name = unique('made-in-ui');
  await page.getByLabel('Repository name').fill(name);
  await expect(page.getByText(`${name} is available.`)).toBeVisible();
  await page.getByRole('textbox', { name: /^Description/ }).fill('Made through the new repository page');
  await page.getByLabel('Add a README file').check();
  await page.getByLabel('Add .gitignore').selectOption('Node');
  await page.getByLabel('Choose a license').selectOption({ label: 'MIT License' });
  await expect(page.getByText('The first commit on the default branch will add README.md, .gitignore, LICENSE.')).toBeVisible();
  await shot(page, 'new-repo');
  await page.getByRole('button', { name: 'Create repository' }).click();

  await expect(page).toHaveURL(new RegExp(`/${user.login}/${name}$`));
  await expect(page.getByRole('heading', { name: `${user.login} / ${name}` })).toBeVisible();
  expect(await contents(user.login, name, user)).toEqual(['.gitignore', 'LICENSE', 'README.md']);
  const repo = await apiOk(`/repos/${user.login}/${name}`, { as: user });
  expect(repo.private).toBe(false);
  expect(repo.description).toBe('Made through the new repository page');
  const licence = await apiOk(`/repos/${user.login}/${name}/contents/LICENSE`, { as: user });
  expect(Buffer.from(licence.content, 'base64').toString()).toContain('MIT License');
});

test('an invalid or taken name is explained beside the name field and nothing is created', async ({ page }) => {
  const user = await createUser('clash');
  const taken = unique('taken');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name: taken } });
  await signIn(page, user);
  await page.goto('/new');
  const field = page.getByLabel('Repository name');

  await field.fill('my repo');
  await expect(page.getByTestId('name-error')).toHaveText('Only letters, digits, “.”, “-” and “_” are allowed, not spaces.');
  await page.getByRole('button', { name: 'my-repo' }).click();
  await expect(field).toHaveValue('my-repo');

  await field.fill(taken);
  await expect(page.getByTestId('name-error')).toHaveText(`The repository ${taken} already exists on this account.`);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Create repository' }).click();
  await expect(page).toHaveURL(/\/new$/);
  await expect(field).toBeFocused();
  const mine = await apiOk('/user/repos', { as: user });
  expect(mine.map((r) => r.name)).toEqual([taken]);
});

test('a private repository made through /new is a 404 to another user, in the UI and in the API', async ({ page, browser }) => {
  const owner = await createUser('private');
  const other = await createUser('other');
  await signIn(page, owner);
  await page.goto('/new');
  const name = unique('secret');
  await page.getByLabel('Repository name').fill(name);
  await page.getByLabel(/^Private/).check();
  await page.getByRole('button', { name: 'Create repository' }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner.login}/${name}$`));
  await expect(page.getByText('Private', { exact: true })).toBeVisible();
  expect((await apiOk(`/repos/${owner.login}/${name}`, { as: owner })).private).toBe(true);

  const context = await browser.newContext();
  const second = await context.newPage();
  await signIn(second, other);
  await second.goto(`/${owner.login}/${name}`);
  await expect(second.getByRole('heading', { name: '404: this page is not here' })).toBeVisible();
  await second.goto(`/${owner.login}/${name}/settings`);
  await expect(second.getByRole('heading', { name: '404: this page is not here' })).toBeVisible();
  await context.close();
  expect((await api(`/repos/${owner.login}/${name}`, { as: other })).status).toBe(404);
});

test('settings: rename, description and topics', async ({ page }) => {
  const user = await createUser('settings');
  const name = unique('tools');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name, auto_init: true } });
  await signIn(page, user);
  await page.goto(`/${user.login}/${name}`);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await shot(page, 'repo-settings');

  // Rename: the URL follows, and the old URL leads to the new name as the API's 301 does.
  const renamed = `${name}-renamed`;
  const nameField = page.getByLabel('Repository name');
  await nameField.fill(`${renamed} x`);
  await expect(page.getByRole('button', { name: 'Rename' })).toBeDisabled();
  await nameField.fill(renamed);
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${renamed}/settings$`));
  await expect(page.getByRole('heading', { name: `${user.login} / ${renamed}` })).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${name}`, { as: user })).full_name).toBe(`${user.login}/${renamed}`);
  await page.goto(`/${user.login}/${name}/settings/tags`);
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${renamed}/settings/tags$`));
  await page.goto(`/${user.login}/${renamed}/settings`);

  // Description and topics.
  await page.getByRole('textbox', { name: /^Description/ }).fill('Tools for the settings test');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(page.getByText('Description and website saved.')).toBeVisible();
  await page.getByLabel('Topics').fill('ui-test, Codara');
  await page.getByLabel('Topics').press('Enter');
  await expect(page.getByRole('button', { name: 'Remove topic codara' })).toBeVisible();
  await page.getByLabel('Topics').fill('bad_topic');
  await expect(page.getByText(/“bad_topic” is not a topic/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save topics' })).toBeDisabled();
  await page.getByLabel('Topics').fill('');
  await page.getByRole('button', { name: 'Save topics' }).click();
  await expect(page.getByText('Topics saved.')).toBeVisible();
  const repo = await apiOk(`/repos/${user.login}/${renamed}`, { as: user });
  expect(repo.description).toBe('Tools for the settings test');
  expect(repo.topics).toEqual(['ui-test', 'codara']);
  await page.reload();
  await expect(page.getByRole('textbox', { name: /^Description/ })).toHaveValue('Tools for the settings test');
  await expect(page.getByRole('button', { name: 'Remove topic ui-test' })).toBeVisible();
  // The home page (the browse area's) shows them in its About box.
  await page.goto(`/${user.login}/${renamed}`);
  await expect(page.getByText('Tools for the settings test')).toBeVisible();
  await expect(page.getByRole('link', { name: 'codara', exact: true }).or(page.getByText('codara', { exact: true })).first()).toBeVisible();

});

test('settings: branch and tag protection', async ({ page }) => {
  const user = await createUser('protect');
  const renamed = unique('guarded');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name: renamed, auto_init: true } });
  await signIn(page, user);
  await page.goto(`/${user.login}/${renamed}/settings/branches`);
  await expect(page.getByText('No branch protection rules yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByLabel('Branch name or pattern')).toHaveValue('main');
  await page.getByLabel('Required approving reviews').selectOption('2');
  await page.getByLabel('Require status checks to pass before merging').check();
  await page.getByLabel('Required checks').fill('ci/build\nci/test');
  await page.getByLabel('Require linear history').check();
  await page.getByLabel('Do not allow bypassing the above settings').check();
  await shot(page, 'branch-protection');
  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByText('Branch main is now protected.')).toBeVisible();
  await expect(page.getByTestId('rule-main')).toContainText('2 approving reviews · Status checks: ci/build, ci/test · Linear history · Includes administrators');
  const protection = await apiOk(`/repos/${user.login}/${renamed}/branches/main/protection`, { as: user });
  expect(protection.required_pull_request_reviews.required_approving_review_count).toBe(2);
  expect(protection.required_status_checks.contexts).toEqual(['ci/build', 'ci/test']);
  expect(protection.enforce_admins.enabled).toBe(true);
  expect(protection.required_linear_history.enabled).toBe(true);
  expect(protection.allow_force_pushes.enabled).toBe(false);

  // Editing reads the rule back; the API error of a bad count would show in words (count 0 is allowed).
  await page.getByRole('button', { name: 'Edit rule main' }).click();
  await expect(page.getByLabel('Required approving reviews')).toHaveValue('2');
  await expect(page.getByLabel('Required checks')).toHaveValue('ci/build\nci/test');
  await page.getByLabel('Require linear history').uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('The rule for main was updated.')).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${renamed}/branches/main/protection`, { as: user })).required_linear_history.enabled).toBe(false);

  // Tag protection.
  await page.getByRole('link', { name: 'Tags' }).last().click();
  await expect(page.getByText('No protected tags')).toBeVisible();
  await page.getByLabel('Tag name pattern').fill('v*');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByText('Tags matching v* are now protected.')).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${renamed}/tags/protection`, { as: user })).map((t) => t.pattern)).toEqual(['v*']);
  await page.getByRole('button', { name: 'Delete tag rule v*' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByText('No protected tags')).toBeVisible();
  expect(await apiOk(`/repos/${user.login}/${renamed}/tags/protection`, { as: user })).toEqual([]);
});

test('a template repository and a repository generated from it through /new', async ({ page }) => {
  const user = await createUser('template');
  const name = unique('starter');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name, auto_init: true, gitignore_template: 'Java' } });
  await signIn(page, user);
  await page.goto(`/${user.login}/${name}/settings`);
  await page.getByLabel('Template repository').check();
  await expect(page.getByText('This repository is now a template.')).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${name}`, { as: user })).is_template).toBe(true);

  // Generate from it.
  await page.goto('/new');
  await page.getByLabel('Repository template').selectOption(`${user.login}/${name}`);
  await expect(page.getByLabel('Add a README file')).toBeHidden();
  const generated = unique('from-template');
  await page.getByLabel('Repository name').fill(generated);
  await page.getByRole('button', { name: 'Create repository' }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${generated}$`));
  await expect(page.getByText(`generated from ${user.login}/${name}`)).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${generated}`, { as: user })).template_repository.full_name).toBe(`${user.login}/${name}`);
  expect(await contents(user.login, generated, user)).toEqual(['.gitignore', 'README.md']);
});

test('archiving shows the notice, deleting waits for the typed full name', async ({ page }) => {
  const user = await createUser('archive');
  const generated = unique('doomed');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name: generated, auto_init: true } });
  await signIn(page, user);
  await page.goto(`/${user.login}/${generated}/settings/danger`);
  await page.getByRole('button', { name: 'Archive this repository' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'I understand, archive this repository' }).click();
  await expect(page.getByText('This repository has been archived by the owner. It is now read-only.')).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${generated}`, { as: user })).archived).toBe(true);

  // Delete it: the button waits for the exact full name.
  await page.getByRole('button', { name: 'Delete this repository' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'I understand the consequences, delete this repository' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/To confirm, type/).fill(generated);
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/To confirm, type/).fill(`${user.login}/${generated}`);
  await expect(confirm).toBeEnabled();
  await shot(page, 'delete-dialog');
  await confirm.click();
  await expect(page).toHaveURL(/\/$/);
  expect((await api(`/repos/${user.login}/${generated}`, { as: user })).status).toBe(404);
  await page.goto(`/${user.login}/${generated}`);
  await expect(page.getByRole('heading', { name: '404: this page is not here' })).toBeVisible();
});

test('sign-up disabled by default: /signup says so and the sign-in page offers no sign-up', async ({ page }) => {
  const status = await (await fetch(`${BASE}/api/v3/signup`)).json();
  test.skip(status.enabled === true, 'sign-up is enabled on this server; the disabled state cannot be shown');
  expect(status).toEqual({ enabled: false });
  await page.goto('/signup');
  await expect(page.getByText('Sign-up is disabled on this Codara.')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveCount(0);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveCount(0);
});
