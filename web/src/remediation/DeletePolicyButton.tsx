import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type ApiError, toApiError } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';

/** Deletes a policy after a confirmation; the server refuses while it is assigned, and says to whom. */
export function DeletePolicyButton({ policy }: { policy: { id: number; name: string } }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const remove = async () => {
    setPending(true);
    setError(undefined);
    try {
      await api.delete(`/policies/${policy.id}`);
      navigate('/policies');
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  return (
    <span className="confirm">
      {confirming ? (
        <>
          <button type="button" className="danger" onClick={remove} disabled={pending} autoFocus data-testid="policy-delete-confirm">
            {pending ? 'Deleting…' : `Delete “${policy.name}”`}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} data-testid="policy-delete">
          Delete
        </button>
      )}
      <ErrorMessage error={error} />
    </span>
  );
}
