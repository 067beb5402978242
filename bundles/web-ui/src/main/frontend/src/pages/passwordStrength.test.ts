import { describe, expect, it } from 'vitest';
import { passwordStrength } from './passwordStrength';

describe('passwordStrength', () => {
  it('says how many characters are missing', () => {
    expect(passwordStrength('')).toMatchObject({ level: 0 });
    expect(passwordStrength('abc1234')).toEqual({ level: 0, hint: 'Too short: 1 more character needed.' });
  });

  it('grades by length first', () => {
    expect(passwordStrength('aaaaaaaa').level).toBe(1);
    expect(passwordStrength('Tr0ub4dor&3').level).toBe(2);
    expect(passwordStrength('correct horse battery staple').level).toBe(3);
    expect(passwordStrength('x'.repeat(300)).level).toBe(0);
  });
});
