// A hint on the password while it is typed. The server's rule is only 8 to 256 characters and not the login;
// the rest is advice: length matters most, then variety.

export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 256;

export interface Strength {
  level: 0 | 1 | 2 | 3;
  hint: string;
}

export function passwordStrength(password: string): Strength {
  if (password.length === 0) {
    return { level: 0, hint: `At least ${MIN_PASSWORD} characters; a few unrelated words make a strong one.` };
  }
  if (password.length < MIN_PASSWORD) {
    const missing = MIN_PASSWORD - password.length;
    return { level: 0, hint: `Too short: ${missing} more character${missing === 1 ? '' : 's'} needed.` };
  }
  if (password.length > MAX_PASSWORD) return { level: 0, hint: `Too long: at most ${MAX_PASSWORD} characters.` };
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const distinct = new Set(password).size;
  if (password.length >= 16 && distinct >= 8) return { level: 3, hint: 'Strong password.' };
  if ((password.length >= 12 || kinds >= 3) && distinct >= 6) {
    return { level: 2, hint: 'Good. Longer is stronger: 16 characters or more.' };
  }
  return { level: 1, hint: 'Weak: allowed, but easy to guess. Make it longer.' };
}
