import { type FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { type ApiError, toApiError } from './api';
import { useAuth } from './auth';
import { ErrorMessage } from './ErrorMessage';
import { useTitle } from './useTitle';

/** Only same-site paths: `next` comes from the URL, and must not turn the login page into an open redirect. */
const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function LoginPage() {
  useTitle('Sign in');
  const { user, login } = useAuth();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);

  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await login(username, password);
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Steward</h1>
        <label htmlFor="login-username">Username</label>
        <input
          id="login-username"
          data-testid="login-username"
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" data-testid="login-submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
