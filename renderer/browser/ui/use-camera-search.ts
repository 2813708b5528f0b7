// Debounced cameras.search: typing in the box sends one request per pause, and an answer to an
// older query never overwrites a newer one.
import { useEffect, useRef, useState } from 'react';
import type { CameraCategory, CameraSummary } from '../../../common/domain/camera.js';
import type { EngineLink } from '../engine-client.js';

export const SEARCH_DEBOUNCE_MS = 250;
export const SEARCH_LIMIT = 200;

export interface CameraSearch {
  cameras: CameraSummary[];
  total: number;
  loading: boolean;
  error: string | null;
}

export function useCameraSearch(
  link: EngineLink,
  text: string,
  category: CameraCategory | null,
  connected: boolean,
): CameraSearch {
  const [state, setState] = useState<CameraSearch>({ cameras: [], total: 0, loading: false, error: null });
  const sequence = useRef(0);

  useEffect(() => {
    if (!connected) return;
    const mine = ++sequence.current;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      link
        .request('cameras.search', { text: text.trim(), category: category ?? undefined, limit: SEARCH_LIMIT })
        .then(
          (result) => {
            if (mine === sequence.current) setState({ cameras: result.cameras, total: result.total, loading: false, error: null });
          },
          (error: unknown) => {
            if (mine !== sequence.current) return;
            const message = error instanceof Error ? error.message : String(error);
            setState((s) => ({ ...s, loading: false, error: message }));
          },
        );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [link, text, category, connected]);

  return state;
}
