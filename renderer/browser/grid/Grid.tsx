// A square grid of tiles. It owns the policy: which stream each tile asks for and which tiles are
// paused because nobody can see them; the tiles only play what they are given.
import { useEffect, useMemo, useRef } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { GridSize } from '../../../common/domain/wall.js';
import type { MediaSession } from '../media/media-session.js';
import { Tile } from '../tiles/Tile.js';
import { gridColumns, type TileSlots } from './grid-geometry.js';
import { parseStreamSelection, type StreamSelectionConfig } from './stream-config.js';
import { useStreamCosts } from './use-stream-costs.js';
import { useStreamPlan } from './use-stream-plan.js';
import { useTileSizes } from './use-tile-sizes.js';
import { useTileVisibility } from './use-tile-visibility.js';
import { useWatches } from './use-watches.js';

export interface GridProps {
  session: MediaSession;
  grid: GridSize;
  tiles: TileSlots;
  /** Names for the cameras shown, where known (the wall knows only ids). */
  cameraNames?: ReadonlyMap<string, string>;
  /** Streams each camera offers, where known; otherwise the preferred one is asked for. */
  cameraStreams?: ReadonlyMap<string, readonly StreamKind[]>;
  className?: string;
  selectedIndex?: number | null;
  onSelect?: (index: number) => void;
  onClear?: (index: number) => void;
  onDropCamera?: (index: number, cameraId: string) => void;
  /** Cameras that keep the main stream longest when the decode budget is short (an incident's). */
  importantCameras?: readonly string[];
  /** Size threshold and decode budget; by default from the page address (stream-config.ts). */
  selection?: StreamSelectionConfig;
}

const BUDGET_NOTE = 'sub stream: decode budget';

export function Grid(props: GridProps) {
  const { session, grid, tiles, cameraNames, cameraStreams, className, selectedIndex, importantCameras } = props;
  const selection = useMemo(() => props.selection ?? parseStreamSelection(window.location.search), [props.selection]);
  const visibility = useTileVisibility();
  const sizes = useTileSizes(selection.size);
  const costs = useStreamCosts();
  // Keyed by content: a caller may hand a new array with the same cameras on every render.
  const importantKey = importantCameras?.join('\n') ?? '';
  const important = useMemo(() => new Set(importantKey.split('\n').filter(Boolean)), [importantKey]);
  const plan = useStreamPlan({
    grid,
    tiles,
    cameraStreams,
    sizeStreams: sizes.byIndex,
    isVisible: visibility.isVisible,
    costOf: costs.costOf,
    budgetMps: selection.decodeBudgetMps,
    important,
  });
  const watches = useWatches(session, tiles, plan.streamFor, visibility.isVisible);
  const tileRefs = useTileRefs(visibility.refFor, sizes.refFor);

  useEffect(() => {
    watches.tiles.forEach((state, index) => {
      state.active?.setVisible(visibility.isVisible(index));
      state.pending?.setVisible(visibility.isVisible(index));
    });
  }, [watches.tiles, visibility.isVisible]);

  const columns = gridColumns(grid);
  const { decode } = plan;
  return (
    <div
      className={`grid grid-${columns} ${className ?? ''}`}
      data-testid="grid"
      data-grid-size={grid}
      data-decode-budget-mps={selection.decodeBudgetMps}
      data-decode-load-mps={decode.loadMps.toFixed(1)}
      data-decode-demand-mps={decode.demandMps.toFixed(1)}
      data-decode-over-budget={decode.overBudget ? 'true' : 'false'}
    >
      {tiles.map((cameraId, index) => (
        <Tile
          key={index}
          index={index}
          cameraId={cameraId}
          cameraName={cameraId ? (cameraNames?.get(cameraId) ?? null) : null}
          handle={watches.tiles[index]?.active ?? null}
          pendingHandle={watches.tiles[index]?.pending ?? null}
          onFirstFrame={watches.firstFrame}
          onStreamStats={costs.report}
          streamNote={cameraId !== null && plan.reasonFor(index) === 'budget' ? BUDGET_NOTE : null}
          tileRef={tileRefs(index)}
          selected={selectedIndex === index}
          onSelect={props.onSelect}
          onClear={props.onClear}
          onDropCamera={props.onDropCamera}
        />
      ))}
    </div>
  );
}

/** One stable callback ref per tile that feeds both observers. */
function useTileRefs(
  ...sources: Array<(index: number) => (element: HTMLDivElement | null) => void>
): (index: number) => (element: HTMLDivElement | null) => void {
  const merged = useRef(new Map<number, (element: HTMLDivElement | null) => void>());
  const current = useRef(sources);
  current.current = sources;
  return (index: number) => {
    let ref = merged.current.get(index);
    if (!ref) {
      ref = (element: HTMLDivElement | null) => {
        for (const source of current.current) source(index)(element);
      };
      merged.current.set(index, ref);
    }
    return ref;
  };
}
