import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setUnauthorizedHandler } from './api';
import type { User } from './types';

interface AuthContextValue {
  /** undefined while the session is being checked, null when nobody is signed in. */
  user: User | null | undefined;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    // Any 401 (an expired session included) signs the user out; RequireAuth then shows the login page.
    setUnauthorizedHandler(() => setUser(null));
    const controller = new AbortController();
    api.get<{ user: User }>('/auth/me', controller.signal).then(
      (body) => setUser(body.user),
      () => {
        if (!controller.signal.aborted) setUser(null);
      },
    );
    return () => controller.abort();
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const body = await api.post<{ user: User }>('/auth/login', { username, password });
    setUser(body.user);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/auth/logout');
    } catch (err) {
      // 401: the session had already ended, which is what signing out wanted anyway.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
    // A full page load, not a client-side route change: nothing the previous user loaded survives in memory,
    // and the next person to sign in starts at the default page rather than where this one left off.
    window.location.assign('/login');
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}

/** The signed-in user, for components that only ever render behind RequireAuth. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser must be used behind <RequireAuth>');
  return user;
}
