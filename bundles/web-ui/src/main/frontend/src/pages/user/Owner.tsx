import { useParams } from 'react-router';
import { useApi } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import type { User } from '../../lib/types';
import { ErrorView, Loading } from '../../components/Status';
import { Organization } from './Organization';
import { UserProfile } from './UserProfile';
import '../../components/repo-card.css';
import './profile.css';

/** `/<login>`: a user's profile or an organisation's page, whichever the login is; an unknown one is a 404. */
export default function Owner() {
  const { owner = '' } = useParams();
  const { user: viewer } = useSession();
  const account = useApi<User>(viewer === undefined ? null : `/users/${encodeURIComponent(owner)}`);

  if (account.error) return <ErrorView error={account.error} />;
  if (!account.data || account.data.login.toLowerCase() !== owner.toLowerCase()) {
    return <Loading label="Loading profile" height={480} />;
  }
  if (account.data.type === 'Organization') return <Organization key={account.data.login} login={account.data.login} />;
  return <UserProfile key={account.data.login} user={account.data} viewer={viewer ?? null} onChange={account.reload} />;
}
