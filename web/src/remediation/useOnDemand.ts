import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../core/api';
import { useApi } from '../core/useApi';

export interface OnDemandState<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  /** Whether it was asked for at all. */
  requested: boolean;
  /** GETs the path the first time; later calls do nothing (but after an error, they try again). */
  load: () => void;
  /** GETs the path again if it was asked for already; else nothing, so what nobody opened is never fetched. */
  reload: () => void;
}

/**
 * Like useApi, but GETs `path` only once asked (a section opened, a button pressed), and from then on keeps the answer:
 * closing and opening again asks the server nothing.
 */
export function useOnDemand<T>(path: string): OnDemandState<T> {
  const [requested, setRequested] = useState(false);
  // reload stays the same function once asked or not, so effects that call it on changes do not fire on asking.
  const asked = useRef(false);
  asked.current = requested;
  const state = useApi<T>(requested ? path : null);
  const { reload: again, error } = state;
  const load = useCallback(() => {
    if (!requested) setRequested(true);
    else if (error) again();
  }, [requested, error, again]);
  const reload = useCallback(() => {
    if (asked.current) again();
  }, [again]);
  return { data: state.data, error: state.error, loading: state.loading, requested, load, reload };
}
