// The walls the engine knows, and the chosen one's picture followed live: loaded on every
// (re)connect (changes made while away arrive as no event), then kept current from wall events.
// Answers and events share one ordered socket, so applying both in arrival order is never stale.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WallSummary } from '../../../common/domain/wall.js';
import type { EngineLink } from '../engine-client.js';
import { applyWallChange, type WallChange, type WallPicture } from './wall-picture.js';

export interface WallPictureState {
  walls: readonly WallSummary[];
  picture: WallPicture | null;
  problem: string | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `wanted` is the wall the operator chose; the first listed wall until then (or if it goes). */
export function useWallPicture(link: EngineLink, wanted: string | undefined, connected: boolean): WallPictureState {
  const [walls, setWalls] = useState<readonly WallSummary[]>([]);
  const [picture, setPicture] = useState<WallPicture | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback((): void => {
    const asked = ++generation.current;
    const current = (): boolean => asked === generation.current;
    link
      .request('walls.list', {})
      .then(async ({ walls: listed }) => {
        if (!current()) return;
        setWalls(listed);
        const summary = listed.find((w) => w.wall.id === wanted) ?? listed[0];
        if (!summary) return setPicture(null);
        setPicture({ summary, layouts: new Map() });
        // Each answer is applied as it comes, in line with the events around it.
        await Promise.all(
          summary.wall.displays.map(async (displayId) => {
            const layout = await link.request('wall.get', { wallId: summary.wall.id, displayId });
            if (current()) setPicture((shown) => shown && applyWallChange(shown, { type: 'layout', layout }));
          }),
        );
        if (current()) setProblem(null);
      })
      .catch((error: unknown) => {
        if (current()) setProblem(`Wall not loaded: ${messageOf(error)}`);
      });
  }, [link, wanted]);

  useEffect(() => {
    const apply = (change: WallChange): void => setPicture((shown) => shown && applyWallChange(shown, change));
    const offs = [
      link.on('wall.layout', (layout) => apply({ type: 'layout', layout })),
      link.on('wall.spans', ({ wallId: id, spans }) => apply({ type: 'spans', wallId: id, spans })),
      link.on('wall.control', (control) => apply({ type: 'control', control })),
      link.on('wall.tour', ({ wallId: id, tour }) => apply({ type: 'tour', wallId: id, tour })),
      // A new or redefined wall changes the list, and maybe the displays to load.
      link.on('wall.defined', () => load()),
    ];
    return () => offs.forEach((off) => off());
  }, [link, load]);

  useEffect(() => {
    if (connected) load();
    else setPicture(null);
    return () => {
      generation.current++;
    };
  }, [connected, load]);

  return { walls, picture, problem };
}
