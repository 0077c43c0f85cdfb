import { useEffect, useState } from 'react';

/**
 * Runs a custom data provider read (history, obstacles) when its key
 * changes; `reload()` runs it again. Small on purpose: these reads are not
 * cached across pages.
 */
export function useCustomQuery<T>(key: string | undefined, run: () => Promise<{ data: T }>) {
  const [state, setState] = useState<{ data?: T; error?: unknown; isPending: boolean }>({ isPending: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === undefined) return;
    let current = true;
    setState((s) => ({ ...s, isPending: true }));
    run().then(
      (result) => current && setState({ data: result.data, isPending: false }),
      (error: unknown) => current && setState({ error, isPending: false }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
