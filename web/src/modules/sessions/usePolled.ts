// A resource read again every few seconds while the page is open. Residents get no event stream
// of appliance states (GET /api/live/appliances is for staff), so their page asks instead; the
// last good answer stays on screen while the next one is on its way, and a hidden tab does not ask.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../../api.ts';

export interface Polled<T> {
  data: T | null;
  error: ApiError | null;
  reload(): Promise<void>;
}

/** Polls `key` (a path, read with GET) or, with `load`, whatever `load` reads for that key. */
export function usePolled<T>(key: string, everyMs: number, load?: () => Promise<T>): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Answers can overtake each other; only the newest request may set the data.
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const answer = loader.current ? await loader.current() : await get<T>(key);
      if (request !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (err) {
      if (request !== latest.current) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
    }
  }, [key]);

  useEffect(() => {
    setData(null);
    void reload();
    const timer = window.setInterval(() => { if (document.visibilityState !== 'hidden') void reload(); }, everyMs);
    return () => { window.clearInterval(timer); latest.current++; };
  }, [reload, everyMs]);

  return { data, error, reload };
}
