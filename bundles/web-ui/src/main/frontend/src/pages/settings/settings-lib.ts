// The logic of the personal settings pages, apart from React: token scopes and expiry, user agents, avatar files
// and SSH key lines.

/** A token scope as io.codara.api.auth.Scopes defines it, with what it allows in words. */
export interface Scope {
  name: string;
  description: string;
  /** Scopes this one includes (a token with it has them too). */
  implies: string[];
}

export interface ScopeGroup {
  title: string;
  scopes: Scope[];
}

/** Every scope Codara knows (Scopes.ALL, in its order), grouped as the token form shows them. */
export const SCOPE_GROUPS: ScopeGroup[] = [
  {
    title: 'Repositories',
    scopes: [
      { name: 'repo:read', description: 'Read code, issues and pull requests of repositories you can read', implies: [] },
      { name: 'repo:write', description: 'Push and write to repositories you can write, and create repositories', implies: ['repo:read'] },
    ],
  },
  {
    title: 'Organisations',
    scopes: [
      { name: 'read:org', description: 'Read organisation membership and teams', implies: [] },
      { name: 'admin:org', description: 'Administer organisations and teams you own or maintain', implies: ['read:org'] },
    ],
  },
  {
    title: 'Account',
    scopes: [{ name: 'user', description: 'Change your profile, emails and SSH keys', implies: [] }],
  },
  {
    title: 'Packages and CI',
    scopes: [
      { name: 'packages', description: 'Publish and read packages', implies: [] },
      { name: 'ci', description: 'Run, cancel and administer CI workflows', implies: [] },
    ],
  },
  {
    title: 'Administration',
    scopes: [{
      name: 'admin',
      description: 'Everything you may do, site administration and token management included',
      implies: ['repo:read', 'repo:write', 'read:org', 'admin:org', 'user', 'packages', 'ci'],
    }],
  },
];

export const ALL_SCOPES: Scope[] = SCOPE_GROUPS.flatMap((group) => group.scopes);

/** The scopes that some other selected scope already includes: shown checked and locked in the form. */
export function impliedScopes(selected: Iterable<string>): Set<string> {
  const implied = new Set<string>();
  for (const name of selected) {
    for (const other of ALL_SCOPES.find((s) => s.name === name)?.implies ?? []) implied.add(other);
  }
  return implied;
}

/**
 * What the form sends: the selected scopes without those another selected scope includes, in Codara's order
 * (`admin` alone rather than everything).
 */
export function effectiveScopes(selected: Iterable<string>): string[] {
  const chosen = new Set(selected);
  const implied = impliedScopes(chosen);
  return ALL_SCOPES.map((s) => s.name).filter((name) => chosen.has(name) && !implied.has(name));
}

export type ExpiryChoice = '7' | '30' | '60' | '90' | 'custom' | 'none';

export const EXPIRY_CHOICES: Array<{ value: ExpiryChoice; label: string }> = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '60', label: '60 days' },
  { value: '90', label: '90 days' },
  { value: 'custom', label: 'Custom…' },
  { value: 'none', label: 'No expiration' },
];

/**
 * The instant a new token expires, or null for never; throws an Error with a sentence for a custom date that is
 * missing, malformed or not in the future. A custom date means the end of that day in the user's time zone.
 */
export function expiryDate(choice: ExpiryChoice, customDate: string, now: Date = new Date()): Date | null {
  if (choice === 'none') return null;
  if (choice === 'custom') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customDate);
    if (!match) throw new Error('Choose the day the token expires.');
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const end = new Date(year, month - 1, day, 23, 59, 59);
    if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== day) {
      throw new Error(`${customDate} is not a date.`);
    }
    if (end.getTime() <= now.getTime()) throw new Error('The expiration date must be in the future.');
    return end;
  }
  return new Date(now.getTime() + Number(choice) * 24 * 3600 * 1000);
}

/** A date input's value (yyyy-mm-dd, local time) `days` after `now`. */
export function dateInputValue(now: Date, days = 0): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "Chrome 120 on Linux", "Firefox 128 on Windows", "curl 8.5.0", or "Unknown device". */
export function summarizeUserAgent(agent: string | null | undefined): string {
  if (!agent || !agent.trim()) return 'Unknown device';
  const ua = agent.trim();
  const version = (pattern: RegExp) => pattern.exec(ua)?.[1]?.split('.')[0];
  let browser: string | null = null;
  let v: string | undefined;
  if ((v = version(/Edg(?:e|A|iOS)?\/([\d.]+)/))) browser = `Edge ${v}`;
  else if ((v = version(/OPR\/([\d.]+)/))) browser = `Opera ${v}`;
  else if ((v = version(/Firefox\/([\d.]+)/)) || (v = version(/FxiOS\/([\d.]+)/))) browser = `Firefox ${v}`;
  else if ((v = version(/HeadlessChrome\/([\d.]+)/))) browser = `Headless Chrome ${v}`;
  else if ((v = version(/(?:Chrome|Chromium|CriOS)\/([\d.]+)/))) browser = `${/Chromium\//.test(ua) ? 'Chromium' : 'Chrome'} ${v}`;
  else if (/Safari\//.test(ua) && (v = version(/Version\/([\d.]+)/))) browser = `Safari ${v}`;
  if (!browser) {
    // Not a browser: a tool that names itself first, as in "curl/8.5.0" or "git/2.43.0".
    const tool = /^([A-Za-z][\w.-]*)(?:\/([\w.-]+))?/.exec(ua);
    if (tool && tool[1] !== 'Mozilla') return tool[2] ? `${tool[1]} ${tool[2]}` : tool[1];
    return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
  }
  const os = /iPhone|iPad|iPod/.test(ua) ? 'iOS'
    : /Android/.test(ua) ? 'Android'
    : /CrOS/.test(ua) ? 'ChromeOS'
    : /Windows/.test(ua) ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
    : /Linux|X11/.test(ua) ? 'Linux'
    : null;
  return os ? `${browser} on ${os}` : browser;
}

export const MAX_AVATAR_BYTES = 1024 * 1024;
const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/gif'];

/** Why a picture cannot be an avatar, in words, or null when it can (the server checks again). */
export function avatarProblem(file: Pick<File, 'name' | 'size' | 'type'>): string | null {
  if (!AVATAR_TYPES.includes(file.type)) {
    const kind = file.type ? ` (it is ${file.type})` : '';
    return `${file.name} is not a PNG, JPEG or GIF picture${kind}. Choose one of those.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_AVATAR_BYTES) {
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB: an avatar may be at most 1 MiB.`;
  }
  return null;
}

/** Whether the avatar URL is of an uploaded picture (Codara versions those with ?v=) rather than the identicon. */
export function hasUploadedAvatar(avatarUrl: string | null | undefined): boolean {
  return !!avatarUrl && /[?&]v=\d+/.test(avatarUrl);
}

/** The comment at the end of a public key line (usually user@host), a good default title. */
export function sshKeyComment(key: string): string {
  const parts = key.trim().split(/\s+/);
  return parts.length >= 3 ? parts.slice(2).join(' ') : '';
}
