import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError, toApiError } from './api';

interface Loaded<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

export interface ApiState<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` whenever it changes (null: nothing yet). The previous data stays visible while the next page loads, so
 * paging and filtering do not make the table flash empty; a superseded request is aborted so answers cannot arrive
 * out of order.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [version, setVersion] = useState(0);
  const key = `${version} ${path}`;
  const [loaded, setLoaded] = useState<Loaded<T>>({ key: '' });

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api.get<T>(path, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ key, data });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoaded((prev) => ({ key, data: prev.data, error: toApiError(err) }));
      },
    );
    return () => controller.abort();
  }, [key, path]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: loaded.data, error: loaded.error, loading: path !== null && loaded.key !== key, reload };
}
