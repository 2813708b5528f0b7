// A request about one row of a list (revoke a box's key, disable a user): that row's button shows
// it is busy, and a failure is shown in that row, not for the whole list.
import { useCallback, useState } from 'react';
import { engineErrorText } from './engine-error.js';

export interface RowAction {
  /** The row whose request is running, if any. */
  busyId: string | null;
  /** The engine's message per row whose last request failed. */
  problems: Readonly<Record<string, string>>;
  run(rowId: string, work: () => Promise<void>): Promise<void>;
}

export function useRowAction(): RowAction {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const run = useCallback(async (rowId: string, work: () => Promise<void>): Promise<void> => {
    setBusyId(rowId);
    setProblems(({ [rowId]: _, ...rest }) => rest);
    try {
      await work();
    } catch (error) {
      setProblems((current) => ({ ...current, [rowId]: engineErrorText(error) }));
    } finally {
      setBusyId(null);
    }
  }, []);
  return { busyId, problems, run };
}
