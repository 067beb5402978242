import { describe, expect, it } from 'vitest';
import { eventParts, eventText, type GitHubEvent } from './events';

const base = { id: '1', actor: { login: 'alice' }, repo: { id: 7, name: 'alice/tools' }, created_at: '2026-03-04T10:00:00Z', public: true };
const event = (type: string, payload: GitHubEvent['payload']): GitHubEvent => ({ ...base, type, payload });

describe('eventText', () => {
  it('says how many commits a push carried and to which branch', () => {
    expect(eventText(event('PushEvent', { ref: 'refs/heads/main', size: 3, commits: [] }))).toBe('alice pushed 3 commits to main in alice/tools');
    expect(eventText(event('PushEvent', { ref: 'refs/heads/feature/x', commits: [{ sha: 'a', message: 'm' }] }))).toBe('alice pushed 1 commit to feature/x in alice/tools');
  });

  it('tells repositories, branches and tags apart on create', () => {
    expect(eventText(event('CreateEvent', { ref: null, ref_type: 'repository' }))).toBe('alice created repository alice/tools');
    expect(eventText(event('CreateEvent', { ref: 'feature', ref_type: 'branch' }))).toBe('alice created branch feature in alice/tools');
    expect(eventText(event('CreateEvent', { ref: 'v1.0', ref_type: 'tag' }))).toBe('alice created tag v1.0 in alice/tools');
  });

  it('reads deletes, forks, visibility and watching', () => {
    expect(eventText(event('DeleteEvent', { ref: 'old', ref_type: 'branch' }))).toBe('alice deleted branch old in alice/tools');
    expect(eventText(event('DeleteEvent', { ref: 'v0', ref_type: 'tag' }))).toBe('alice deleted tag v0 in alice/tools');
    expect(eventText(event('ForkEvent', { forkee: { full_name: 'bob/tools' } }))).toBe('alice forked alice/tools to bob/tools');
    expect(eventText(event('ForkEvent', { forkee: { name: 'tools', owner: { login: 'carol' } } }))).toBe('alice forked alice/tools to carol/tools');
    expect(eventText(event('PublicEvent', {}))).toBe('alice made alice/tools public');
    expect(eventText(event('WatchEvent', { action: 'started' }))).toBe('alice started watching alice/tools');
  });

  it('reads collaborators, releases, issues and pull requests', () => {
    expect(eventText(event('MemberEvent', { action: 'added', member: { login: 'bob' } }))).toBe('alice added bob as a collaborator to alice/tools');
    expect(eventText(event('ReleaseEvent', { action: 'published', release: { tag_name: 'v2' } }))).toBe('alice published release v2 in alice/tools');
    expect(eventText(event('IssuesEvent', { action: 'opened', issue: { number: 4 } }))).toBe('alice opened issue #4 in alice/tools');
    expect(eventText(event('PullRequestEvent', { action: 'closed', pull_request: { number: 9 } }))).toBe('alice closed pull request #9 in alice/tools');
    expect(eventText(event('IssueCommentEvent', { action: 'created', issue: { number: 4 } }))).toBe('alice commented on issue #4 in alice/tools');
  });

  it('still says something for an unknown type', () => {
    expect(eventText(event('GollumEvent', {}))).toBe('alice had a gollum event in alice/tools');
    expect(eventText(event('CommitCommentEvent', {}))).toBe('alice had a commit comment event in alice/tools');
  });
});

describe('eventParts', () => {
  it('links the actor, the branch and the repository', () => {
    const parts = eventParts(event('PushEvent', { ref: 'refs/heads/main', size: 2 }));
    expect(parts.filter((p) => p.to).map((p) => p.to)).toEqual(['/alice', '/alice/tools/tree/main', '/alice/tools']);
  });
});
