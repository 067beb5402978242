// GitHub's Events API objects (received_events, a repository's or a user's events) as lines a person reads:
// "alice pushed 3 commits to main in alice/tools". Each line is a list of parts, some of them links, so the
// page can render links and tests can read the plain text.

export interface GitHubEvent {
  id: string;
  type: string;
  actor: { login: string; avatar_url?: string; display_login?: string };
  repo: { id?: number; name: string };
  payload: {
    action?: string;
    ref?: string | null;
    ref_type?: 'repository' | 'branch' | 'tag' | string;
    size?: number;
    distinct_size?: number;
    head?: string;
    before?: string;
    commits?: Array<{ sha: string; message: string; author?: { name?: string; email?: string } }>;
    forkee?: { full_name?: string; name?: string; owner?: { login: string } };
    member?: { login: string };
    release?: { tag_name?: string; name?: string | null };
    issue?: { number: number; title?: string };
    pull_request?: { number: number; title?: string };
  };
  public?: boolean;
  created_at: string;
}

/** A piece of an event line: text, or text with the app's path it links to. */
export interface EventPart {
  text: string;
  to?: string;
}

/** refs/heads/main -> main, refs/tags/v1 -> v1. */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) return '';
  return ref.replace(/^refs\/(heads|tags)\//, '');
}

function plural(count: number, one: string): string {
  return `${count} ${count === 1 ? one : `${one}s`}`;
}

/** How many commits a push carried: GitHub's size, else the listed commits. */
export function pushSize(event: GitHubEvent): number {
  return event.payload.size ?? event.payload.commits?.length ?? 0;
}

/** The line for an event, as parts. */
export function eventParts(event: GitHubEvent): EventPart[] {
  const p = event.payload ?? {};
  const actor: EventPart = { text: event.actor.display_login ?? event.actor.login, to: `/${event.actor.login}` };
  const repo: EventPart = { text: event.repo.name, to: `/${event.repo.name}` };
  const branch = (ref: string | null | undefined): EventPart =>
    ({ text: shortRef(ref), to: `/${event.repo.name}/tree/${shortRef(ref)}` });
  const t = (text: string): EventPart => ({ text });
  switch (event.type) {
    case 'PushEvent':
      return [actor, t(` pushed ${plural(pushSize(event), 'commit')} to `), branch(p.ref), t(' in '), repo];
    case 'CreateEvent':
      if (p.ref_type === 'repository' || !p.ref) return [actor, t(' created repository '), repo];
      if (p.ref_type === 'tag') {
        return [actor, t(' created tag '), { text: shortRef(p.ref), to: `/${event.repo.name}/tree/${shortRef(p.ref)}` }, t(' in '), repo];
      }
      return [actor, t(` created ${p.ref_type ?? 'branch'} `), branch(p.ref), t(' in '), repo];
    case 'DeleteEvent':
      return [actor, t(` deleted ${p.ref_type ?? 'branch'} `), t(shortRef(p.ref)), t(' in '), repo];
    case 'ForkEvent': {
      const fork = p.forkee?.full_name ?? (p.forkee?.owner && p.forkee.name ? `${p.forkee.owner.login}/${p.forkee.name}` : null);
      return fork ? [actor, t(' forked '), repo, t(' to '), { text: fork, to: `/${fork}` }] : [actor, t(' forked '), repo];
    }
    case 'PublicEvent':
      return [actor, t(' made '), repo, t(' public')];
    case 'WatchEvent':
      return [actor, t(' started watching '), repo];
    case 'MemberEvent':
      return p.member
        ? [actor, t(` ${p.action === 'removed' ? 'removed' : 'added'} `), { text: p.member.login, to: `/${p.member.login}` },
          t(p.action === 'removed' ? ' as a collaborator from ' : ' as a collaborator to '), repo]
        : [actor, t(' changed the collaborators of '), repo];
    case 'ReleaseEvent':
      return [actor, t(` ${p.action ?? 'published'} release `), t(p.release?.name || p.release?.tag_name || ''), t(' in '), repo];
    case 'IssuesEvent':
      return [actor, t(` ${p.action ?? 'updated'} issue #${p.issue?.number ?? ''} in `), repo];
    case 'PullRequestEvent':
      return [actor, t(` ${p.action ?? 'updated'} pull request #${p.pull_request?.number ?? ''} in `), repo];
    case 'IssueCommentEvent':
      return [actor, t(` commented on issue #${p.issue?.number ?? ''} in `), repo];
    case 'RepositoryEvent':
      return [actor, t(` ${p.action ?? 'changed'} repository `), repo];
    default: {
      // An event this version does not know: say what kind it was rather than nothing.
      const kind = event.type.replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      return [actor, t(` had a ${kind} event in `), repo];
    }
  }
}

/** The line as plain text. */
export function eventText(event: GitHubEvent): string {
  return eventParts(event).map((part) => part.text).join('');
}
