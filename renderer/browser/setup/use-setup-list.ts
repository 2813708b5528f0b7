// A list the installer works on (boxes, users, walls): loaded whenever the page is ready (a reconnect
// and re-login included), replaced after each change.
import { useCallback, useEffect, useState } from 'react';
import { engineErrorText } from './engine-error.js';

export interface SetupList<T> {
  items: T[] | null;
  problem: string | null;
  reload: () => void;
  /** Puts a changed item in place (or adds it) without asking the engine again. */
  replace: (item: T, sameAs: (a: T, b: T) => boolean) => void;
}

export function useSetupList<T>(ready: boolean, load: () => Promise<T[]>): SetupList<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    load().then(
      (loaded) => {
        if (cancelled) return;
        setItems(loaded);
        setProblem(null);
      },
      (error: unknown) => {
        if (!cancelled) setProblem(engineErrorText(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [ready, load, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const replace = useCallback((item: T, sameAs: (a: T, b: T) => boolean) => {
    setItems((current) => {
      const list = current ?? [];
      return list.some((other) => sameAs(other, item)) ? list.map((other) => (sameAs(other, item) ? item : other)) : [...list, item];
    });
  }, []);
  return { items, problem, reload, replace };
}
