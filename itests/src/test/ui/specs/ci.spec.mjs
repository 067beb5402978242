// Commit statuses and a repository's secrets and variables in the browser: statuses posted over the API show as
// icons (with their contexts) on the commits list, a commit and the repository's front page; secrets and variables
// are added in the repository's settings, and a secret's value never comes back to the page.
import { test, expect, apiOk, createUser, unique, signIn, shot, pushFiles, git, gitUrl, BASE } from '../support.mjs';

test.describe.configure({ timeout: 180_000 });

test('statuses posted over the API show as icons with their contexts on the commits list, a commit and the front page', async ({ page }) => {
  const user = await createUser('ci');
  const name = unique('statuses');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name } });
  const dir = pushFiles(user.login, name, user, { 'README.md': '# Statuses\n' }, 'First commit');
  const first = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'Second commit');
  git(dir, 'push', '-q', gitUrl(user.login, name, user), 'HEAD:refs/heads/main');
  const head = git(dir, 'rev-parse', 'HEAD').trim();

  const post = (sha, body) => apiOk(`/repos/${user.login}/${name}/statuses/${sha}`, { method: 'POST', as: user, body });
  await post(head, { state: 'success', context: 'ci/build', description: 'Build passed', target_url: 'https://ci.example.test/builds/1' });
  await post(head, { state: 'success', context: 'ci/test', description: 'All 40 tests passed' });
  await post(head, { state: 'success', context: 'ci/lint', target_url: `${BASE}/${user.login}/${name}/commits/main` });
  // The API refuses a target_url that is not http(s); the icon's Vitest checks that such a link would not be made.
  await post(head, { state: 'failure', context: 'ci/deploy', description: 'Deploy failed' });
  await post(first, { state: 'pending', context: 'ci/build', description: 'Queued' });

  await signIn(page, user);
  await page.goto(`/${user.login}/${name}/commits/main`);
  const headRow = page.locator(`li.commit-row[data-sha="${head}"]`);
  const firstRow = page.locator(`li.commit-row[data-sha="${first}"]`);
  const headIcon = headRow.getByRole('button', { name: '3 of 4 checks passed' });
  await expect(headIcon).toBeVisible();
  await expect(headRow.getByTestId('commit-status')).toHaveAttribute('data-state', 'failure');
  await expect(firstRow.getByTestId('commit-status')).toHaveAttribute('data-state', 'pending');
  await expect(firstRow.getByRole('button', { name: '0 of 1 check passed' })).toBeVisible();

  await headIcon.click();
  const popover = page.getByRole('dialog', { name: 'Checks' });
  await expect(popover).toContainText('Some checks were not successful');
  await expect(popover.locator('li[data-context="ci/deploy"]')).toContainText('Deploy failed');
  await expect(popover.locator('li[data-context="ci/build"] a')).toHaveAttribute('href', 'https://ci.example.test/builds/1');
  await expect(popover.locator('li[data-context="ci/lint"] a')).toHaveAttribute('href', `${BASE}/${user.login}/${name}/commits/main`);
  await expect(popover.locator('li[data-context="ci/deploy"] a')).toHaveCount(0);
  await expect(popover.locator('li[data-context="ci/test"] a')).toHaveCount(0);
  await shot(page, 'ci-commits-statuses');
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);

  await page.goto(`/${user.login}/${name}`);
  const latest = page.locator('.latest-commit');
  await expect(latest.getByRole('button', { name: '3 of 4 checks passed' })).toBeVisible();
  await shot(page, 'ci-home-status');

  await page.goto(`/${user.login}/${name}/commit/${head}`);
  await expect(page.locator('.commit-header').getByRole('button', { name: '3 of 4 checks passed' })).toBeVisible();

  await post(head, { state: 'success', context: 'ci/deploy', description: 'Deployed' });
  await page.goto(`/${user.login}/${name}/branches`);
  const mainRow = page.locator('li[data-branch="main"]');
  await expect(mainRow.getByRole('button', { name: '4 of 4 checks passed' })).toBeVisible();
  await expect(mainRow.getByTestId('commit-status')).toHaveAttribute('data-state', 'success');
});

test('secrets and variables are added in the repository settings; a secret value never shows', async ({ page }) => {
  const user = await createUser('secrets');
  const name = unique('settings');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name, auto_init: true } });
  const value = `v-${unique('secret')}-do-not-show`;

  await signIn(page, user);
  await page.goto(`/${user.login}/${name}/settings`);
  await page.getByRole('navigation', { name: 'Repository settings' }).getByRole('link', { name: 'Secrets and variables' }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${name}/settings/secrets$`));
  await expect(page.getByText('No secrets yet')).toBeVisible();

  // The API's refusal shows under the form.
  await page.getByRole('button', { name: 'New secret' }).click();
  const form = page.getByRole('form', { name: 'New secret' });
  await form.getByLabel('Name').fill('codara_token');
  await form.getByLabel('Secret').fill(value);
  await form.getByRole('button', { name: 'Add secret' }).click();
  await expect(form.getByRole('alert')).toContainText('CODARA_');

  await form.getByLabel('Name').fill('deploy_token');
  await form.getByRole('button', { name: 'Add secret' }).click();
  await expect(page.getByText('✓ Secret DEPLOY_TOKEN added.')).toBeVisible();
  await expect(page.locator('[data-secret="DEPLOY_TOKEN"]')).toContainText('Updated');
  expect(await page.content()).not.toContain(value);
  const secrets = await apiOk(`/repos/${user.login}/${name}/actions/secrets`, { as: user });
  expect(secrets.secrets.map((s) => s.name)).toEqual(['DEPLOY_TOKEN']);

  await page.getByRole('button', { name: 'New variable' }).click();
  const variableForm = page.getByRole('form', { name: 'New variable' });
  await variableForm.getByLabel('Name').fill('region');
  await variableForm.getByLabel('Value').fill('eu-west-1');
  await variableForm.getByRole('button', { name: 'Add variable' }).click();
  await expect(page.locator('[data-variable="REGION"]')).toContainText('eu-west-1');

  await page.getByRole('button', { name: 'Edit variable REGION' }).click();
  const editForm = page.getByRole('form', { name: 'Edit variable REGION' });
  await expect(editForm.getByLabel('Value')).toHaveValue('eu-west-1');
  await editForm.getByLabel('Value').fill('us-east-2');
  await editForm.getByRole('button', { name: 'Save variable' }).click();
  await expect(page.locator('[data-variable="REGION"]')).toContainText('us-east-2');
  const variable = await apiOk(`/repos/${user.login}/${name}/actions/variables/REGION`, { as: user });
  expect(variable.value).toBe('us-east-2');

  // After a reload nothing on the page holds the secret either.
  await page.reload();
  await expect(page.locator('[data-secret="DEPLOY_TOKEN"]')).toBeVisible();
  expect(await page.content()).not.toContain(value);
  await shot(page, 'ci-secrets-and-variables');

  await page.getByRole('button', { name: 'Delete secret DEPLOY_TOKEN' }).click();
  await page.getByRole('dialog', { name: 'Delete secret DEPLOY_TOKEN' }).getByRole('button', { name: 'Delete secret' }).click();
  await expect(page.getByText('No secrets yet')).toBeVisible();
  await page.getByRole('button', { name: 'Delete variable REGION' }).click();
  await page.getByRole('dialog', { name: 'Delete variable REGION' }).getByRole('button', { name: 'Delete variable' }).click();
  await expect(page.getByText('No variables yet')).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${name}/actions/secrets`, { as: user })).total_count).toBe(0);
});

test('self-hosted runners: a registration token with its command, a registered runner listed and deleted', async ({ page }) => {
  const user = await createUser('runners');
  const name = unique('runners');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name, auto_init: true } });

  await signIn(page, user);
  await page.goto(`/${user.login}/${name}/settings`);
  await page.getByRole('navigation', { name: 'Repository settings' }).getByRole('link', { name: 'Runners' }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${name}/settings/runners$`));
  await expect(page.getByText('No self-hosted runners yet')).toBeVisible();

  await page.getByRole('button', { name: 'New self-hosted runner' }).click();
  const command = page.getByTestId('runner-command');
  await expect(command).toContainText(`bin/codara-runner register --url ${BASE} --token CRR`);
  const token = (await command.textContent()).match(/--token (\S+)/)[1];

  // What `codara-runner register` sends, with the token the page showed.
  const registered = await apiOk('/actions/runner/register', {
    method: 'POST', as: user, body: { token, name: 'ui-runner', labels: ['gpu-free'], os: 'Linux', architecture: 'x64' },
  });
  expect(registered.credential).toMatch(/^CRC/);
  await page.reload();
  const row = page.locator('[data-runner="ui-runner"]');
  await expect(row).toContainText('idle');
  await expect(row).toContainText('gpu-free');
  await expect(row).toContainText('self-hosted');
  await shot(page, 'ci-runners');

  await page.getByRole('button', { name: 'Delete runner ui-runner' }).click();
  await page.getByRole('dialog', { name: 'Delete runner ui-runner' }).getByRole('button', { name: 'Delete runner' }).click();
  await expect(page.getByText('✓ Runner ui-runner deleted.')).toBeVisible();
  await expect(page.getByText('No self-hosted runners yet')).toBeVisible();
  expect((await apiOk(`/repos/${user.login}/${name}/actions/runners`, { as: user })).total_count).toBe(0);
});
