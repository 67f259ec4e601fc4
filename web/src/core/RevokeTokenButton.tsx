import { useState } from 'react';
import { api, type ApiError, toApiError } from './api';
import { ErrorMessage } from './ErrorMessage';
import type { ApiToken } from './types';

/** Revoking cannot be undone, so it asks for a second click — inline, because a confirm() dialog blocks the page. */
export function RevokeTokenButton({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const revoke = async () => {
    setPending(true);
    setError(undefined);
    try {
      await api.delete(`/tokens/${token.id}`);
      onRevoked();
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`} data-testid="token-revoke">
        Revoke
      </button>
    );
  }
  return (
    <span className="confirm">
      <button type="button" className="danger" onClick={revoke} disabled={pending} autoFocus data-testid="token-revoke-confirm">
        {pending ? 'Revoking…' : `Revoke “${token.name}”`}
      </button>
      <button type="button" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}
