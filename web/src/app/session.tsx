import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from './api.ts';

export type Role = 'viewer' | 'reporter' | 'approver' | 'unit_admin' | 'system_admin';
/** What the server lets the caller do on at least one unit (`rights` of /api/v1/auth/me). */
export type Right = 'read' | 'write' | 'approve' | 'administer';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  /** Code of the unit the user belongs to. */
  unit: string;
  /** Name of that unit, for people to read. */
  unitName: string;
  grants: { unitCode: string; role: Role }[];
}

interface Session {
  /** null while loading, or when nobody is signed in (see `loaded`). */
  user: SessionUser | null;
  loaded: boolean;
  /** Rights held somewhere; empty when signed out. The server checks every request regardless. */
  rights: Right[];
  /** Holds the administer right on some unit: may open /admin. */
  canAdminister: boolean;
  /** Signs in and answers the rights the person holds (where they should land depends on them). */
  signIn: (username: string, password: string) => Promise<Right[]>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export interface Me {
  user: SessionUser | null;
  rights?: Right[];
  csrfToken: string | null;
}

/**
 * Who is signed in (GET /api/v1/auth/me); keeps the CSRF token for writes. `initial`: the answer
 * the page came with (the server's first screen), so nobody waits for it a second time.
 */
export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Me }) {
  const [user, setUser] = useState<SessionUser | null>(initial?.user ?? null);
  const [loaded, setLoaded] = useState(initial !== undefined);
  const [rights, setRights] = useState<Right[]>(initial?.user ? (initial.rights ?? []) : []);
  const refresh = useCallback(async () => {
    try {
      const me = await api<Me>('/api/v1/auth/me');
      setCsrfToken(me.csrfToken);
      setUser(me.user);
      setRights(me.user ? (me.rights ?? []) : []);
    } catch {
      setUser(null);
      setRights([]);
    } finally {
      setLoaded(true);
    }
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const res = await api<{ user: SessionUser; rights?: Right[]; csrfToken: string }>('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });
    setCsrfToken(res.csrfToken);
    setUser(res.user);
    setRights(res.rights ?? []);
    return res.rights ?? [];
  }, []);
  const signOut = useCallback(async () => {
    // Through api(): logout is a write, so it carries the CSRF token like every other.
    await api<undefined>('/api/v1/auth/logout', { method: 'POST' });
    setCsrfToken(null);
    setUser(null);
    setRights([]);
  }, []);
  useEffect(() => {
    if (initial) setCsrfToken(initial.csrfToken);
    else void refresh();
  }, [refresh, initial]);
  return <SessionContext.Provider value={{ user, loaded, rights, canAdminister: rights.includes('administer'), signIn, signOut, refresh }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
