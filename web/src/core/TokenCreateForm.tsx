import { type FormEvent, useState } from 'react';
import { api, type ApiError, toApiError } from './api';
import { ErrorMessage } from './ErrorMessage';
import type { ApiToken, TokenKind } from './types';

export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

export function TokenCreateForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TokenKind>('agent');
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      onCreated(await api.post<CreatedToken>('/tokens', { name: name.trim(), kind }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="panel inline-form" onSubmit={submit} aria-labelledby="token-create-title">
      <h2 id="token-create-title">New token</h2>
      <div className="form-row">
        <label className="filter">
          <span>Name</span>
          <input
            required
            value={name}
            placeholder="e.g. web01 agent"
            onChange={(e) => setName(e.target.value)}
            data-testid="token-create-name"
          />
        </label>
        <label className="filter">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as TokenKind)} data-testid="token-create-kind">
            <option value="agent">agent — reports hosts only</option>
            <option value="api">api — acts as you</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={pending} data-testid="token-create-submit">
          {pending ? 'Creating…' : 'Create token'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
