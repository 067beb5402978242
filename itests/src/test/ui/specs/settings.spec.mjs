// The signed-in user's own settings: profile and avatar, emails, tokens, SSH keys, sessions and password, each
// checked through what the user sees and through the REST API that the change took effect.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { test, expect, api, createUser, signIn, shot, unique, BASE } from '../support.mjs';

/** A real PNG of size x size pixels in one colour, made here so that the test needs no file. */
function png(size, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A REST call with a token instead of a password. */
async function withToken(path, token) {
  const response = await fetch(`${BASE}/api/v3${path}`, { headers: { Accept: 'application/json', Authorization: `token ${token}` } });
  return response.status;
}

test('an anonymous visitor of the settings is sent to sign in and comes back after', async ({ page }) => {
  const user = await createUser('anon-settings');
  await page.goto('/settings/profile');
  await expect(page).toHaveURL(/\/login\?return_to=%2Fsettings%2Fprofile$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Codara' })).toBeVisible();
  await page.getByLabel('Username or email address').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(page.getByRole('heading', { name: 'Public profile' })).toBeVisible();
});

test('a user edits their profile and uploads an avatar that the header shows', async ({ page }) => {
  const user = await createUser('profile');
  await signIn(page, user);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Public profile' })).toHaveClass(/active/);

  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Bio').fill('Writes programs for engines that do not exist yet.');
  await page.getByLabel('Location').fill('London');
  await page.getByLabel('Public email').selectOption(`${user.login}@example.test`);
  await page.getByRole('button', { name: 'Update profile' }).click();
  await expect(page.getByText('Profile updated')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Name')).toHaveValue('Ada Lovelace');
  await expect(page.getByLabel('Bio')).toHaveValue('Writes programs for engines that do not exist yet.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ada Lovelace');
  const profile = await api(`/users/${user.login}`);
  expect(profile.body).toMatchObject({ name: 'Ada Lovelace', bio: 'Writes programs for engines that do not exist yet.', location: 'London', email: `${user.login}@example.test` });

  // A file that is not a picture is refused in words, before anything is sent.
  await page.getByLabel('Picture file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toHaveText('notes.txt is not a PNG, JPEG or GIF picture (it is text/plain). Choose one of those.');

  const headerAvatar = page.getByTestId('user-menu').locator('img');
  const before = await headerAvatar.getAttribute('src');
  expect(before).not.toContain('?v=');
  await page.getByLabel('Picture file').setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: png(64, [220, 30, 30]) });
  await expect(page.getByRole('img', { name: 'Preview of your new picture' })).toHaveAttribute('src', /^blob:/);
  await page.getByRole('button', { name: 'Save picture' }).click();
  await expect(page.getByText('Your new picture is saved.')).toBeVisible();
  await expect(headerAvatar).toHaveAttribute('src', /\?v=\d+/);
  const src = await headerAvatar.getAttribute('src');
  expect(src).not.toBe(before);
  const image = await page.request.get(src);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toContain('image/png');
  const bytes = await image.body();
  expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  await expect(page.getByRole('button', { name: 'Remove picture' })).toBeVisible();
  await shot(page, 'settings-profile');

  await page.getByRole('button', { name: 'Remove picture' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove picture' }).click();
  await expect(page.getByText('Your picture is removed')).toBeVisible();
  await expect(headerAvatar).not.toHaveAttribute('src', /\?v=/);
});

test('a user adds an email address and deletes it', async ({ page }) => {
  const user = await createUser('emails');
  const extra = `${unique('second')}@example.test`;
  await signIn(page, user);
  await page.goto('/settings/emails');
  const list = page.getByRole('list', { name: 'Your email addresses' });
  const primary = list.getByRole('listitem').filter({ hasText: `${user.login}@example.test` });
  await expect(primary.getByText('Primary', { exact: true })).toBeVisible();
  await expect(primary.getByText('The primary address cannot be removed')).toBeVisible();

  await page.getByLabel('Email address', { exact: true }).fill(extra);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(list.getByRole('listitem').filter({ hasText: extra })).toBeVisible();
  expect((await api('/user/emails', { as: user })).body.map((e) => e.email)).toContain(extra);

  // An invalid address is refused in words.
  await page.getByLabel('Email address', { exact: true }).fill('not-an-address');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('not-an-address is not a valid email address');

  await page.getByRole('button', { name: `Delete ${extra}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete address' }).click();
  await expect(list.getByRole('listitem').filter({ hasText: extra })).toHaveCount(0);
  await expect(page.getByText(`${extra} was removed.`)).toBeVisible();
  expect((await api('/user/emails', { as: user })).body.map((e) => e.email)).not.toContain(extra);
});

test('a token is shown once, works with the API, and stops working when revoked', async ({ page }) => {
  const user = await createUser('tokens');
  const name = unique('ci deploys');
  await signIn(page, user);
  await page.goto('/settings/tokens');
  await expect(page.getByText('No personal access tokens yet')).toBeVisible();

  await page.getByRole('button', { name: 'Generate new token' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Expiration').selectOption('7');
  await expect(page.getByText(/The token will expire on/)).toBeVisible();
  await page.getByLabel('repo:write').check();
  // repo:write includes repo:read: shown checked and locked.
  await expect(page.getByLabel('repo:read')).toBeChecked();
  await expect(page.getByLabel('repo:read')).toBeDisabled();
  await page.getByLabel('read:org').check();
  await shot(page, 'settings-token-form');
  await page.getByRole('button', { name: 'Generate token' }).click();

  await expect(page.getByText('Copy it now: you will not see it again.')).toBeVisible();
  const secret = (await page.getByTestId('new-token').textContent()).trim();
  expect(secret.length).toBeGreaterThan(20);
  const row = page.getByTestId('token-row').filter({ hasText: name });
  await expect(row).toContainText('repo:write');
  await expect(row).toContainText('read:org');
  await expect(row).toContainText('Never used');
  await expect(row).toContainText(`…${secret.slice(-8)}`);
  await shot(page, 'settings-tokens');

  expect(await withToken('/user', secret)).toBe(200);
  const listed = (await api('/user/tokens', { as: user })).body.find((t) => t.name === name);
  expect(listed.scopes).toEqual(['read:org', 'repo:write']);
  const days = (Date.parse(listed.expires_at) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThan(7.1);

  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByText('Copy it now: you will not see it again.')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(row).not.toContainText('Never used');

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(page.getByRole('dialog')).toContainText('cannot be undone');
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toHaveCount(0);
  expect(await withToken('/user', secret)).toBe(401);
});

test('a user adds an SSH key, sees its fingerprint, and deletes it', async ({ page }) => {
  const user = await createUser('keys');
  const dir = mkdtempSync(join(tmpdir(), 'codara-ui-key-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ada@engine', '-f', join(dir, 'id')]);
  const publicKey = readFileSync(join(dir, 'id.pub'), 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'id.pub')], { encoding: 'utf8' }).split(' ')[1];
  await signIn(page, user);
  await page.goto('/settings/keys');
  await expect(page.getByText('No SSH keys yet')).toBeVisible();

  await page.getByRole('button', { name: 'New SSH key' }).click();
  await page.getByLabel('Key', { exact: true }).fill('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----');
  await page.getByLabel('Title').fill('work laptop');
  await page.getByRole('button', { name: 'Add SSH key' }).click();
  await expect(page.getByRole('alert')).toHaveText('This is a private key: give the public key, from your id_*.pub file');

  await page.getByLabel('Key', { exact: true }).fill(publicKey);
  await page.getByRole('button', { name: 'Add SSH key' }).click();
  const row = page.getByTestId('ssh-key-row').filter({ hasText: 'work laptop' });
  await expect(row).toContainText(fingerprint);
  await expect(row).toContainText('Ed25519');
  await expect(row).toContainText('Never used');
  await expect(page.getByText('The key “work laptop” was added.')).toBeVisible();

  // The same key again is refused in words.
  await page.getByRole('button', { name: 'New SSH key' }).click();
  await page.getByLabel('Key', { exact: true }).fill(publicKey);
  await expect(page.getByLabel('Title')).toHaveValue('ada@engine');
  await page.getByRole('button', { name: 'Add SSH key' }).click();
  await expect(page.getByRole('alert')).toHaveText('Key is already in use');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await shot(page, 'settings-keys');

  await row.getByRole('button', { name: 'Delete work laptop' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete key' }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText('No SSH keys yet')).toBeVisible();
  expect((await api('/user/keys', { as: user })).body).toEqual([]);
});

test('the sessions page lists this session and revokes another one', async ({ page }) => {
  const user = await createUser('sessions');
  await signIn(page, user);
  // A second browser, as far as the server knows: a sign-in from a script.
  const other = await fetch(`${BASE}/api/v3/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'curl/8.5.0' },
    body: JSON.stringify({ login: user.login, password: user.password }),
  });
  expect(other.status).toBe(201);
  const cookie = other.headers.get('set-cookie').split(';')[0];
  const otherId = (await other.json()).session.id;
  const asOther = async () => (await fetch(`${BASE}/api/v3/session`, { headers: { Cookie: cookie, Accept: 'application/json' } })).status;
  expect(await asOther()).toBe(200);

  await page.goto('/settings/sessions');
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  const current = rows.filter({ hasText: 'This session' });
  await expect(current).toContainText(/Chrom(e|ium)/);
  const script = rows.filter({ hasText: 'curl 8.5.0' });
  await expect(script).not.toContainText('This session');
  await shot(page, 'settings-sessions');

  await script.getByRole('button', { name: /^Revoke the session on curl 8.5.0/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke session' }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByText('The session on curl 8.5.0 was signed out.')).toBeVisible();
  expect(await asOther()).toBe(401);
  expect((await api('/user/sessions', { as: user })).body.map((s) => s.id)).not.toContain(otherId);

  // Signing out this session from the list ends it and asks to sign in again.
  await current.getByRole('button', { name: 'Sign out of this session' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?return_to=/);
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('a user changes their password; other sessions end and the new password signs in', async ({ page }) => {
  const user = await createUser('password');
  const fresh = `${user.password}-renewed`;
  await signIn(page, user);
  await page.goto('/settings/password');

  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('New password', { exact: true }).fill(fresh);
  await page.getByLabel('Confirm new password').fill(`${fresh}x`);
  await expect(page.getByText('The passwords do not match.')).toBeVisible();
  await page.getByRole('button', { name: 'Update password' }).click();
  expect((await api('/user', { as: user })).status).toBe(200);

  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('Confirm new password').fill(fresh);
  await expect(page.getByText('The passwords do not match.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Update password' }).click();
  await expect(page.getByRole('alert')).toHaveText('The current password is not correct');

  await page.getByLabel('Current password').fill(user.password);
  await page.getByRole('button', { name: 'Update password' }).click();
  await expect(page.getByText('Your password was changed.')).toBeVisible();
  await shot(page, 'settings-password');
  expect((await api('/user', { as: user })).status).toBe(401);
  expect((await api('/user', { as: { login: user.login, password: fresh } })).status).toBe(200);

  // This browser got a new session; it still works (a write needs its new CSRF token).
  await page.goto('/settings/sessions');
  await expect(page.getByTestId('session-row')).toHaveCount(1);

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/login');
  await page.getByLabel('Username or email address').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect login or password.');
  await signIn(page, { login: user.login, password: fresh });
});

test('on a phone the settings navigation scrolls sideways without widening the page', async ({ page }) => {
  const user = await createUser('phone');
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, user);
  await page.goto('/settings/tokens');
  await page.getByRole('button', { name: 'Generate new token' }).click();
  await expect(page.getByLabel('Name')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Settings' });
  await expect(nav.getByRole('link', { name: 'Personal access tokens' })).toHaveClass(/active/);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  await nav.getByRole('link', { name: 'Emails' }).click();
  await expect(page.getByRole('heading', { name: 'Emails' })).toBeVisible();
  await shot(page, 'settings-phone');
});
