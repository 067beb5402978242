import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { formatDate, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import { ErrorView, Loading } from '../../components/Status';
import { ConfirmButton } from './parts';
import { summarizeUserAgent } from './settings-lib';

/** A web session as GET /user/sessions lists it. */
interface WebSession {
  id: number;
  current: boolean;
  created_at: string;
  last_seen_at: string | null;
  expires_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export default function Sessions() {
  useTitle('Sessions');
  const sessions = useApi<WebSession[]>('/user/sessions');
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [message, setMessage] = useState<string | null>(null);

  const sorted = useMemo(() => [...(sessions.data ?? [])].sort((a, b) =>
    Number(b.current) - Number(a.current) || (b.last_seen_at ?? b.created_at).localeCompare(a.last_seen_at ?? a.created_at)), [sessions.data]);

  const revoke = async (session: WebSession) => {
    await api(`/user/sessions/${session.id}`, { method: 'DELETE' });
    if (session.current) {
      // This browser's own session: it is over, so is the app's idea of who is signed in.
      await signOut();
      navigate('/login?return_to=%2Fsettings%2Fsessions', { replace: true });
      return;
    }
    setMessage(`The session on ${summarizeUserAgent(session.user_agent)} was signed out.`);
    sessions.reload();
  };

  return (
    <>
      <header className="settings-page-header">
        <h2>Web sessions</h2>
      </header>
      <p className="muted settings-intro">
        The browsers signed in to your account. Sign out any you do not recognise, and change your password if
        someone else may know it. Tokens and SSH keys are not sessions: manage them on their own pages.
      </p>
      {message && <p className="notice success settings-message" role="status">{message}</p>}
      {sessions.error ? <ErrorView error={sessions.error} /> : !sessions.data ? <Loading height={160} /> : sorted.length === 0 ? (
        <div className="box blankslate"><h3>No sessions</h3><p className="muted">Nobody is signed in with a browser.</p></div>
      ) : (
        <ul className="box settings-list" aria-label="Your sessions">
          {sorted.map((session) => {
            const device = summarizeUserAgent(session.user_agent);
            return (
              <li key={session.id} className="box-row session-row" data-testid="session-row" data-session-id={session.id}>
                <span className={`session-dot${session.current ? ' current' : ''}`} aria-hidden="true" />
                <div className="settings-list-main">
                  <div className="token-title">
                    <strong title={session.user_agent ?? undefined}>{device}</strong>
                    {session.current && <span className="badge success">This session</span>}
                  </div>
                  <div className="muted small settings-meta">
                    <span>{session.ip ? <>From <span className="mono">{session.ip}</span></> : 'Address unknown'}</span>
                    <span title={formatDate(session.created_at)}>Signed in {timeAgo(session.created_at)}</span>
                    {session.last_seen_at && <span title={formatDate(session.last_seen_at)}>Last active {timeAgo(session.last_seen_at)}</span>}
                    {session.expires_at && <span title={formatDate(session.expires_at)}>Expires {timeAgo(session.expires_at)}</span>}
                  </div>
                </div>
                <ConfirmButton
                  label={session.current ? 'Sign out' : 'Revoke'}
                  ariaLabel={session.current ? 'Sign out of this session' : `Revoke the session on ${device} from ${session.ip ?? 'an unknown address'}`}
                  title={session.current ? 'Sign out of this browser?' : `Sign out the session on ${device}?`}
                  confirmLabel={session.current ? 'Sign out' : 'Revoke session'}
                  onConfirm={() => revoke(session)}>
                  <p>{session.current
                    ? 'This is the browser you are using: you will have to sign in again.'
                    : 'That browser will be signed out at its next request and has to sign in again with your password.'}</p>
                </ConfirmButton>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
