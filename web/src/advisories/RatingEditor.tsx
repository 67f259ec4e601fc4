import { type FormEvent, useState } from 'react';
import { api, type ApiError, toApiError } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { ratings } from './ratings';
import type { LocalRating } from './types';

interface Props {
  advisoryId: string;
  current: LocalRating | null;
  onSaved: () => void;
}

/** Staff set a rating of their own where the feed's does not fit their fleet; clearing it falls back to the feed's. */
export function RatingEditor({ advisoryId, current, onSaved }: Props) {
  const [rating, setRating] = useState(current?.rating ?? '');
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await api.put(`/advisories/${encodeURIComponent(advisoryId)}/rating`, { rating: rating || null });
      onSaved();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="rating-editor" onSubmit={save} aria-label="Local rating">
      <div className="form-row">
        <select value={rating} onChange={(e) => setRating(e.target.value)} aria-label="Local rating" data-testid="rating-select">
          <option value="">none (use the feed&apos;s)</option>
          {ratings.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending || rating === (current?.rating ?? '')} data-testid="rating-save">
          {pending ? 'Saving…' : 'Save rating'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
