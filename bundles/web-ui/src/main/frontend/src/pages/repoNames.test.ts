import { describe, expect, it } from 'vitest';
import { confirmationMatches, parseTopics, repositoryNameProblem, suggestRepositoryName, topicProblem } from './repoNames';

describe('repositoryNameProblem', () => {
  it('accepts GitHub-style names', () => {
    for (const name of ['tools', 'my-repo', 'my_repo.v2', 'A1', '.github', 'x'.repeat(100)]) {
      expect(repositoryNameProblem(name), name).toBeNull();
    }
  });

  it('names the characters that are not allowed', () => {
    expect(repositoryNameProblem('my repo')).toMatch(/not spaces/);
    expect(repositoryNameProblem('a/b#c')).toMatch(/“\/”, “#”/);
  });

  it('refuses empty, long and path-like names', () => {
    expect(repositoryNameProblem('')).toMatch(/required/);
    expect(repositoryNameProblem('x'.repeat(101))).toMatch(/At most 100/);
    expect(repositoryNameProblem('.')).toMatch(/“\.”/);
    expect(repositoryNameProblem('a..b')).toMatch(/“\.\.”/);
    expect(repositoryNameProblem('repo.GIT')).toMatch(/\.git/);
  });

  it('suggests a valid name', () => {
    expect(suggestRepositoryName(' my new repo! ')).toBe('my-new-repo-');
    expect(repositoryNameProblem(suggestRepositoryName('hello world.git'))).toBeNull();
  });
});

describe('topics', () => {
  it('splits, lower-cases and de-duplicates', () => {
    expect(parseTopics('Java, web  java\ncli')).toEqual(['java', 'web', 'cli']);
    expect(parseTopics('  ')).toEqual([]);
  });

  it('checks the server rule', () => {
    expect(topicProblem('web-ui')).toBeNull();
    expect(topicProblem('-web')).not.toBeNull();
    expect(topicProblem('c++')).not.toBeNull();
  });
});

describe('confirmationMatches', () => {
  it('matches the full name exactly', () => {
    expect(confirmationMatches('alice/tools', 'alice/tools')).toBe(true);
    expect(confirmationMatches(' alice/tools ', 'alice/tools')).toBe(true);
    expect(confirmationMatches('alice/Tools', 'alice/tools')).toBe(false);
    expect(confirmationMatches('tools', 'alice/tools')).toBe(false);
    expect(confirmationMatches('alice/tools2', 'alice/tools')).toBe(false);
    expect(confirmationMatches('', '')).toBe(false);
  });
});
