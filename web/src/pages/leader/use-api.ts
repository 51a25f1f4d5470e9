import { useCallback, useEffect, useRef, useState } from 'react';
import { useAnswers } from '../../app/answers.tsx';
import type { ApiError } from '../../app/api.ts';
import { api } from '../../app/api.ts';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads one API path (null: nothing to read yet); `reload` re-reads it in place, keeping the old
 * data on screen meanwhile so a live update never flashes an empty page. An answer the page came
 * with (the server's first screen) is used for the first render instead of asking again.
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const answers = useAnswers();
  const [given] = useState(() => (path !== null && answers.has(path) ? { path, data: answers.get(path) as T } : null));
  const [data, setData] = useState<T | null>(given?.data ?? null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [loading, setLoading] = useState(path !== null && given === null);
  const [tick, setTick] = useState(0);
  const firstRead = useRef(true);
  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const alreadyGiven = firstRead.current && tick === 0 && given?.path === path;
    firstRead.current = false;
    if (alreadyGiven) {
      answers.delete(path); // taken: a later screen reading the same path asks the server
      return;
    }
    let cancelled = false;
    setLoading(true);
    api<T>(path)
      .then((body) => {
        if (cancelled) return;
        setData(body);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [path, tick, given, answers]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
