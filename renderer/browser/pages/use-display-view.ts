// What one wall display shows now: its own grid, or its part of a camera spanning displays, as the
// engine's wall.view says, followed live. Layout changes arrive whole (wall.layout); span and wall
// changes are re-asked (wall.view), since only the engine knows the display's place and crop.
// Answers and events share one ordered socket, so applying them in arrival order is never stale.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DisplayView, WallLayout } from '../../../common/domain/wall.js';
import type { EngineClient } from '../engine-client.js';

export type SpanPart = Extract<DisplayView, { kind: 'span' }>;

export type ShownView = { kind: 'grid'; layout: WallLayout } | SpanPart;

export interface DisplayViewState {
  /** Null until the engine has answered once. */
  view: ShownView | null;
  problem: string | null;
}

export function useDisplayView(client: EngineClient, wallId: string, displayId: string, connected: boolean): DisplayViewState {
  /** The display's own grid, kept under a span so that it shows again when the span goes. */
  const [layout, setLayout] = useState<WallLayout | null>(null);
  const [span, setSpan] = useState<SpanPart | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);

  const ask = useCallback(() => {
    const asked = ++latest.current;
    client.request('wall.view', { wallId, displayId }).then(
      (view) => {
        if (asked !== latest.current) return;
        if (view.kind === 'grid') {
          setLayout(view.layout);
          setSpan(null);
        } else {
          setSpan(view);
        }
        setProblem(null);
      },
      (error: unknown) => {
        if (asked === latest.current) setProblem(`wall ${wallId}/${displayId}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }, [client, wallId, displayId]);

  useEffect(() => {
    const offs = [
      client.on('wall.layout', (next) => {
        if (next.wallId !== wallId || next.displayId !== displayId) return;
        setLayout(next);
        setProblem(null);
      }),
      client.on('wall.spans', (next) => {
        if (next.wallId === wallId) ask();
      }),
      client.on('wall.defined', (wall) => {
        if (wall.id === wallId) ask();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client, wallId, displayId, ask]);

  // Asked on every (re)connect: changes made while we were away arrive as no event.
  useEffect(() => {
    if (connected) ask();
    return () => {
      latest.current++;
    };
  }, [connected, ask]);

  const view: ShownView | null = span ?? (layout ? { kind: 'grid', layout } : null);
  return { view, problem };
}
