import { useCallback, useEffect, useState } from 'react';

export function useFetch<T>(url: string): { data?: T; error?: Error; loading: boolean } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let cancelled = false;
    fetch(url)
      .then((r) => r.json() as Promise<T>)
      .then((json) => !cancelled && setData(json))
      .catch((e: Error) => !cancelled && setError(e))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [url]);

  return { data, error, loading };
}

export function Status({ url }: { url: string }) {
  const { data, error, loading } = useFetch<{ ok: boolean }>(url);
  const retry = useCallback(() => window.location.reload(), []);
  if (loading) return <p>Loading</p>;
  if (error) return <button onClick={retry}>Retry</button>;
  return <p className={data?.ok ? 'ok' : 'down'}>{data?.ok ? 'Up' : 'Down'}</p>;
}
