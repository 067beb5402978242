// The Actions tab in the browser: a pushed workflow's run shows in the runs list, reaches success on its page, its
// jobs stand in columns by `needs`, a step's log shows the line the step printed (coloured, as text), and the
// artifact a step uploaded is listed on the run page with a link that downloads its zip.
import { test, expect, apiOk, createUser, unique, signIn, shot, pushFiles } from '../support.mjs';

test.describe.configure({ timeout: 180_000 });

test('a pushed workflow runs to success and its log shows in the Actions tab', async ({ page }) => {
  const user = await createUser('actions');
  const name = unique('actions');
  await apiOk('/user/repos', { method: 'POST', as: user, body: { name } });

  await signIn(page, user);
  await page.goto(`/${user.login}/${name}/actions`);
  await expect(page.getByTestId('actions-empty')).toContainText('.codara/workflows/');

  const marker = unique('hello');
  pushFiles(user.login, name, user, {
    'README.md': '# Actions\n',
    '.codara/workflows/ci.yml': [
      'name: CI',
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: shell',
      '    steps:',
      '      - name: Greet',
      `        run: printf '\\033[32m${marker}\\033[0m <b>not bold</b>\\n'`,
      `      - run: mkdir -p out && echo "${marker}" > out/result.txt`,
      '      - uses: actions/upload-artifact@v4',
      '        with:',
      '          name: result',
      '          path: out/',
      '  test:',
      '    needs: build',
      '    runs-on: shell',
      '    steps:',
      '      - name: Tests',
      '        run: echo "tests pass"',
      '',
    ].join('\n'),
  }, 'Add a workflow');

  await page.goto(`/${user.login}/${name}/actions`);
  const row = page.locator('li.run-row').first();
  await expect(row).toContainText('CI #1');
  await expect(row).toContainText('push');
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/${user.login}/${name}/actions/runs/\\d+`));

  const run = page.locator('.actions-run');
  await expect(run).toHaveAttribute('data-conclusion', 'success', { timeout: 120_000 });
  await expect(page.getByTestId('run-state')).toHaveText('Success');
  await expect(page.locator('.job-column[data-depth="0"]')).toContainText('build');
  await expect(page.locator('.job-column[data-depth="1"]')).toContainText('test');

  const artifacts = page.getByTestId('run-artifacts');
  await expect(artifacts).toContainText('1 artifact');
  const download = artifacts.getByRole('link', { name: 'result' });
  await expect(download).toHaveAttribute('href', new RegExp(`/api/v3/repos/${user.login}/${name}/actions/artifacts/\\d+/zip$`));
  const zip = await page.request.get(await download.getAttribute('href'));
  expect(zip.status()).toBe(200);
  expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');

  await page.locator('.job-column[data-depth="0"] [data-testid="job-box"]').click();
  await expect(page.getByTestId('job-panel')).toContainText('Greet');
  await page.getByRole('button', { name: /Greet/ }).click();
  const log = page.getByTestId('step-log').first();
  await expect(log).toHaveAttribute('data-complete', 'true');
  const line = log.locator('.log-line', { hasText: marker }).last();
  await expect(line).toBeVisible();
  await expect(line.locator('span.ansi-fg-2')).toContainText(marker);
  await expect(line).toContainText('<b>not bold</b>');
  await expect(log.locator('b')).toHaveCount(0);

  await page.getByLabel('Search logs').fill(marker);
  await expect(log.locator('mark', { hasText: marker }).first()).toBeVisible();
  await shot(page, 'actions-run-log');

  await page.goto(`/${user.login}/${name}/actions?status=failure`);
  await expect(page.getByText('No workflow run matches these filters.')).toBeVisible();
});
