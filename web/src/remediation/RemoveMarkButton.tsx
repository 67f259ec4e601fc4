import { useState } from 'react';
import { api, type ApiError, toApiError } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { statusLabels } from './statusText';
import type { MarkState } from './types';

interface Props {
  mark: { id: number; state: MarkState };
  /** Whom the mark covers, for the confirmation: "web-1", "every host of Acme tagged db". */
  covers: string;
  onRemoved: () => void;
}

/** Removes a mark after a confirmation that says whom it covers; the removal is recorded, not erased. */
export function RemoveMarkButton({ mark, covers, onRemoved }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const remove = async () => {
    setPending(true);
    setError(undefined);
    try {
      await api.delete(`/remediation/marks/${mark.id}`);
      onRemoved();
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="small" onClick={() => setConfirming(true)} aria-label={`Remove the ${statusLabels[mark.state]} mark of ${covers}`} data-testid="mark-remove">
        Remove mark
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm removal">
      <button type="button" className="danger small" onClick={remove} disabled={pending} autoFocus data-testid="mark-remove-confirm">
        {pending ? 'Removing…' : `Remove “${statusLabels[mark.state]}” of ${covers}`}
      </button>
      <button type="button" className="small" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}
