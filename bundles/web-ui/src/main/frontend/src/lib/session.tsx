import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api';
import type { Session, User } from './types';

interface SessionState {
  /** The signed-in user, or null; undefined while the app is still asking. */
  user: User | null | undefined;
  signIn(login: string, password: string): Promise<User>;
  signUp(fields: { login: string; email: string; password: string; name?: string }): Promise<User>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Asks GET /session once at start: the cookie is HttpOnly, so the app learns who it is from the API. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const accept = useCallback((session: Session) => {
    setCsrfToken(session.csrf_token);
    setUser(session.user);
    return session.user;
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await api<Session>('/session'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrfToken(null);
        setUser(null);
      } else {
        // The server is down or failing: treat as signed out for now; pages show their own errors.
        setUser(null);
      }
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<SessionState>(() => ({
    user,
    refresh,
    signIn: async (login, password) => accept(await api<Session>('/session', { method: 'POST', body: { login, password } })),
    signUp: async (fields) => accept(await api<Session>('/signup', { method: 'POST', body: fields })),
    signOut: async () => {
      try {
        await api('/session', { method: 'DELETE' });
      } catch {
        // Already ended (expired, or signed out elsewhere): the cookie is worthless either way.
      }
      setCsrfToken(null);
      setUser(null);
    },
  }), [user, refresh, accept]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
