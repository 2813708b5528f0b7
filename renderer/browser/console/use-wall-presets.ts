// The chosen wall's preset names, for recalling, saving and touring them. Loaded on (re)connect and
// when the wall changes; a save refreshes it. Presets saved from another console show on the next refresh.
import { useCallback, useEffect, useState } from 'react';
import type { EngineLink } from '../engine-client.js';

export interface WallPresetList {
  names: readonly string[];
  problem: string | null;
  refresh: () => void;
}

export function useWallPresets(link: EngineLink, connected: boolean, wallId: string | undefined): WallPresetList {
  const [names, setNames] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = useCallback((): void => {
    if (!connected || !wallId) return setNames([]);
    link.request('wall.listPresets', { wallId }).then(
      ({ presets }) => {
        setNames(presets.map((p) => p.name));
        setProblem(null);
      },
      (error: unknown) => setProblem(`Presets not loaded: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, [link, connected, wallId]);
  useEffect(refresh, [refresh]);
  return { names, problem, refresh };
}
