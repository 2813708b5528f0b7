// One button's request to the engine: busy while it runs, and the engine's message if it failed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { engineErrorText } from './engine-error.js';

export interface Action {
  busy: boolean;
  problem: string | null;
  /** Runs `work` unless this action is already running; resolves to its value, or undefined if it failed. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  clearProblem(): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setProblem(null);
    try {
      return await work();
    } catch (error) {
      if (mounted.current) setProblem(engineErrorText(error));
      return undefined;
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);
  const clearProblem = useCallback(() => setProblem(null), []);
  return { busy, problem, run, clearProblem };
}
