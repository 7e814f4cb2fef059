// Loads one API resource for a page: data, loading flag, error and a reload after changes.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../api.ts';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: ApiError | null;
  reload(): Promise<void>;
}

export function useLoad<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    if (path === null) return;
    setLoading(true);
    try {
      setData(await get<T>(path));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
    } finally {
      setLoading(false);
    }
  }, [path]);

  useEffect(() => { void reload(); }, [reload]);
  return { data, loading, error, reload };
}
