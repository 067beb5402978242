// Repository names as the server checks them (RepositoryNames in the git bundle, GitHub's rule), so that the form
// can say what is wrong while the user types instead of after a round trip.

export const MAX_NAME = 100;

/** Why a repository name would be refused, or null when it is fine. */
export function repositoryNameProblem(name: string): string | null {
  if (name.length === 0) return 'A name is required.';
  if (name.length > MAX_NAME) return `At most ${MAX_NAME} characters (this is ${name.length}).`;
  const bad = [...new Set(name.replace(/[A-Za-z0-9._-]/g, ''))];
  if (bad.length > 0) {
    const shown = bad.map((c) => (c === ' ' ? 'spaces' : `“${c}”`)).join(', ');
    return `Only letters, digits, “.”, “-” and “_” are allowed, not ${shown}.`;
  }
  if (name === '.' || name.includes('..')) return 'A name cannot be “.” or contain “..”.';
  if (name.toLowerCase().endsWith('.git')) return 'A name cannot end with “.git”.';
  return null;
}

/** GitHub's suggestion for a name with other characters: each run of them becomes one hyphen. */
export function suggestRepositoryName(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.').replace(/\.git$/i, '').slice(0, MAX_NAME);
}

/** Topics as the server takes them: lower-case letters, digits and hyphens, starting with a letter or digit. */
export function topicProblem(topic: string): string | null {
  if (!/^[a-z0-9][a-z0-9-]{0,49}$/.test(topic)) {
    return `“${topic}” is not a topic: use lower-case letters, digits and hyphens, at most 50 characters, starting with a letter or digit.`;
  }
  return null;
}

/** Splits what the user typed into topics: separated by spaces or commas, lower-cased, without repeats. */
export function parseTopics(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,]+/)) {
    const topic = part.trim().toLowerCase();
    if (topic && !out.includes(topic)) out.push(topic);
  }
  return out;
}

/** A typed confirmation matches only exactly (case and all), as GitHub asks for `owner/name`. */
export function confirmationMatches(typed: string, expected: string): boolean {
  return expected.length > 0 && typed.trim() === expected;
}
