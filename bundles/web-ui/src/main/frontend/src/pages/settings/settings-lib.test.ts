import { describe, expect, it } from 'vitest';
import {
  ALL_SCOPES, avatarProblem, dateInputValue, effectiveScopes, expiryDate, hasUploadedAvatar, impliedScopes,
  sshKeyComment, summarizeUserAgent,
} from './settings-lib';

describe('token scopes', () => {
  it('lists every scope Codara knows, in its order', () => {
    expect(ALL_SCOPES.map((s) => s.name)).toEqual(['repo:read', 'repo:write', 'read:org', 'admin:org', 'user', 'packages', 'ci', 'admin']);
  });
  it('knows which scopes include which', () => {
    expect([...impliedScopes(['repo:write'])]).toEqual(['repo:read']);
    expect(impliedScopes(['admin:org', 'user'])).toEqual(new Set(['read:org']));
    expect(impliedScopes(['admin']).size).toBe(7);
    expect(impliedScopes([]).size).toBe(0);
  });
  it('sends only the scopes no other selected scope includes', () => {
    expect(effectiveScopes(['repo:read', 'repo:write', 'ci'])).toEqual(['repo:write', 'ci']);
    expect(effectiveScopes(['ci', 'user', 'repo:read'])).toEqual(['repo:read', 'user', 'ci']);
    expect(effectiveScopes(['admin', 'user', 'repo:read'])).toEqual(['admin']);
    expect(effectiveScopes([])).toEqual([]);
  });
});

describe('token expiry', () => {
  const now = new Date(2026, 10, 30, 16, 0, 0); // local time: 30 Nov 2026, 16:00
  it('counts days from now', () => {
    expect(expiryDate('7', '', now)?.getTime()).toBe(now.getTime() + 7 * 86_400_000);
    expect(expiryDate('90', '', now)?.getTime()).toBe(now.getTime() + 90 * 86_400_000);
    expect(expiryDate('none', '', now)).toBeNull();
  });
  it('ends a custom date at the end of that day, local time', () => {
    const end = expiryDate('custom', '2027-02-14', now)!;
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2027, 1, 14, 23, 59]);
    // Today is still in the future until midnight.
    expect(expiryDate('custom', '2026-11-30', now)?.getDate()).toBe(30);
  });
  it('says why a custom date does not work', () => {
    expect(() => expiryDate('custom', '', now)).toThrow('Choose the day the token expires.');
    expect(() => expiryDate('custom', '2026-11-29', now)).toThrow('must be in the future');
    expect(() => expiryDate('custom', '2027-02-30', now)).toThrow('2027-02-30 is not a date.');
  });
  it('writes date input values in local time', () => {
    expect(dateInputValue(now)).toBe('2026-11-30');
    expect(dateInputValue(now, 1)).toBe('2026-12-01');
    expect(dateInputValue(now, 365)).toBe('2027-11-30');
  });
});

describe('user agents', () => {
  it('names browsers and systems', () => {
    expect(summarizeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36'))
      .toBe('Chrome 120 on Linux');
    expect(summarizeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'))
      .toBe('Firefox 128 on Windows');
    expect(summarizeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15'))
      .toBe('Safari 17 on macOS');
    expect(summarizeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'))
      .toBe('Safari 17 on iOS');
    expect(summarizeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51'))
      .toBe('Edge 124 on Windows');
    expect(summarizeUserAgent('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36'))
      .toBe('Chrome 124 on Android');
    expect(summarizeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36'))
      .toBe('Headless Chrome 131 on Linux');
  });
  it('names tools, and admits when it cannot', () => {
    expect(summarizeUserAgent('curl/8.5.0')).toBe('curl 8.5.0');
    expect(summarizeUserAgent('node')).toBe('node');
    expect(summarizeUserAgent(null)).toBe('Unknown device');
    expect(summarizeUserAgent('  ')).toBe('Unknown device');
  });
});

describe('avatars', () => {
  it('accepts PNG, JPEG and GIF up to 1 MiB and says why not otherwise', () => {
    expect(avatarProblem({ name: 'me.png', type: 'image/png', size: 1024 * 1024 })).toBeNull();
    expect(avatarProblem({ name: 'me.jpg', type: 'image/jpeg', size: 10 })).toBeNull();
    expect(avatarProblem({ name: 'big.png', type: 'image/png', size: 3 * 1024 * 1024 }))
      .toBe('big.png is 3.0 MiB: an avatar may be at most 1 MiB.');
    expect(avatarProblem({ name: 'me.webp', type: 'image/webp', size: 10 }))
      .toBe('me.webp is not a PNG, JPEG or GIF picture (it is image/webp). Choose one of those.');
    expect(avatarProblem({ name: 'empty.gif', type: 'image/gif', size: 0 })).toBe('empty.gif is empty.');
  });
  it('tells an uploaded avatar from the identicon', () => {
    expect(hasUploadedAvatar('http://h/api/v3/users/a/avatar?v=1764518400000')).toBe(true);
    expect(hasUploadedAvatar('http://h/api/v3/users/a/avatar')).toBe(false);
    expect(hasUploadedAvatar(undefined)).toBe(false);
  });
});

describe('SSH keys', () => {
  it('takes the comment of a key line as its title', () => {
    expect(sshKeyComment('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq alice@laptop')).toBe('alice@laptop');
    expect(sshKeyComment('ssh-rsa AAAAB3Nza my work key\n')).toBe('my work key');
    expect(sshKeyComment('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq')).toBe('');
  });
});
