import type { User } from '../lib/types';

export function Avatar({ user, size = 20 }: { user: Pick<User, 'login' | 'avatar_url'>; size?: number }) {
  return (
    <img className="avatar" src={user.avatar_url || `/api/v3/users/${encodeURIComponent(user.login)}/avatar`}
      alt="" width={size} height={size} loading="lazy" />
  );
}
