import { describe, expect, it } from 'vitest';
import { identifierAt } from './identifiers';

describe('identifierAt', () => {
  const line = '    return parseDate(text.trim()) + $ref_2;';
  it('finds the identifier under any of its characters, or just after it', () => {
    expect(identifierAt(line, 11)).toBe('parseDate');
    expect(identifierAt(line, 19)).toBe('parseDate');
    expect(identifierAt(line, 20)).toBe('parseDate');
    expect(identifierAt(line, line.indexOf('$ref_2') + 3)).toBe('$ref_2');
  });
  it('answers null off identifiers, on numbers and single letters', () => {
    expect(identifierAt(line, 1)).toBeNull();
    expect(identifierAt('x = 42 + y', 5)).toBeNull();
    expect(identifierAt('x = 42 + y', 0)).toBeNull();
    expect(identifierAt('', 0)).toBeNull();
    expect(identifierAt('abc', 9)).toBeNull();
  });
  it('reads names in any script', () => {
    expect(identifierAt('const größe = 1', 8)).toBe('größe');
  });
});
