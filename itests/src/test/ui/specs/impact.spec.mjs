// The impact panel of a commit: a TypeScript workspace where a change to one package reaches another package and
// the files that import it, with the owners to notify and the test named after the changed file.
import { test, expect, apiOk, createUser, pushFiles, git, gitUrl, writeFiles, signIn, shot } from '../support.mjs';

test.describe.configure({ mode: 'serial' });

let owner;
let repo;
let changeSha;

test.beforeAll(async () => {
  owner = await createUser('impact');
  repo = (await apiOk('/user/repos', { method: 'POST', as: owner, body: { name: 'impact-demo' } })).name;
  const dir = pushFiles(owner.login, repo, owner, {
    'package.json': '{\n  "name": "demo-root",\n  "private": true,\n  "workspaces": ["packages/*"]\n}\n',
    'packages/money/package.json': '{\n  "name": "@demo/money",\n  "version": "1.0.0"\n}\n',
    'packages/money/src/money.ts': 'export const cents = (euros: number) => euros * 100;\n',
    'packages/money/src/money.test.ts': "import { cents } from './money';\n",
    'packages/money/src/format.ts': "import { cents } from './money';\nexport const show = (e: number) => `${cents(e)}c`;\n",
    'packages/shop/package.json': '{\n  "name": "@demo/shop",\n  "dependencies": {\n    "@demo/money": "*"\n  }\n}\n',
    'packages/shop/src/cart.ts': "import { cents } from '@demo/money';\nexport const total = cents(3);\n",
    'CODEOWNERS': `* @${owner.login}\n/packages/money/ @${owner.login} billing@example.test\n`,
  }, 'A workspace with two packages');
  writeFiles(dir, { 'packages/money/src/money.ts': 'export const cents = (euros: number) => Math.round(euros * 100);\n' });
  git(dir, 'commit', '-q', '-am', 'Round cents');
  changeSha = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'push', '-q', gitUrl(owner.login, repo, owner), 'main');
});

test('the commit page shows what the change reaches, who to notify and which tests cover it', async ({ page }) => {
  await signIn(page, owner);
  await page.goto(`/${owner.login}/${repo}/commit/${changeSha}`);
  const panel = page.getByRole('region', { name: 'Impact' });
  await expect(panel.getByRole('list', { name: 'Modules touched' })).toContainText('@demo/money');
  await expect(panel.getByText('1 module touched · 1 dependent module · 2 dependent files · 1 test · 2 owners to notify'))
    .toBeVisible();
  const modules = panel.getByRole('list', { name: 'Dependent modules' });
  await expect(modules).toContainText('@demo/shop');
  await expect(modules).toContainText('depends on @demo/money (packages/shop/package.json:4)');
  const files = panel.getByRole('list', { name: 'Dependent files' });
  await expect(files.getByRole('link', { name: "1: import { cents } from '@demo/money';" })).toBeVisible();
  await expect(files).toContainText("imports './money', which is packages/money/src/money.ts");
  await expect(panel.getByRole('list', { name: 'Owners to notify' })).toContainText('billing@example.test');
  await expect(panel.getByRole('list', { name: 'Tests' })).toContainText('packages/money/src/money.test.ts');

  // Sections collapse; the import line leads to the importing file at this commit.
  await panel.getByText('Tests (1)').click();
  await expect(panel.getByRole('list', { name: 'Tests' })).toBeHidden();
  await shot(page, 'commit-impact');
  await files.getByRole('link', { name: "1: import { cents } from '@demo/money';" }).click();
  await expect(page).toHaveURL(new RegExp(`/blob/${changeSha}/packages/shop/src/cart\\.ts#L1$`));
});
