// The grid's stream policy in one place: each tile's size asks for a stream (offered by its
// camera), then the display's decode budget may drop the least important tiles to sub.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { GridSize } from '../../../common/domain/wall.js';
import { allocateDecode, tilePriority, type DecodeDemand, type DecodePlan, type StreamReason } from './decode-budget.js';
import { offeredStream, preferredStream, type TileSlots } from './grid-geometry.js';

export interface StreamPlanInputs {
  grid: GridSize;
  tiles: TileSlots;
  cameraStreams: ReadonlyMap<string, readonly StreamKind[]> | undefined;
  /** The stream each measured tile's size calls for. */
  sizeStreams: ReadonlyMap<number, StreamKind>;
  isVisible: (index: number) => boolean;
  costOf: (cameraId: string, stream: StreamKind) => number;
  budgetMps: number;
  important: ReadonlySet<string>;
}

export interface StreamPlan {
  streamFor(index: number, cameraId: string): StreamKind;
  /** Why tile `index` has its stream, or null for an empty tile. */
  reasonFor(index: number): StreamReason | null;
  readonly decode: DecodePlan;
}

export function useStreamPlan(inputs: StreamPlanInputs): StreamPlan {
  const { grid, tiles, cameraStreams, sizeStreams, isVisible, costOf, budgetMps, important } = inputs;
  // The tiles dropped last time: they come back only when clearly under budget.
  const [dropped, setDropped] = useState<ReadonlySet<number>>(new Set());

  const decode = useMemo(() => {
    const demands: DecodeDemand[] = [];
    tiles.forEach((cameraId, index) => {
      if (cameraId === null) return;
      const available = cameraStreams?.get(cameraId);
      demands.push({
        index,
        wanted: offeredStream(sizeStreams.get(index) ?? preferredStream(grid), available),
        hasSub: !available || available.length === 0 || available.includes('sub'),
        priority: tilePriority(index, cameraId, important),
        decoding: isVisible(index),
        cost: { main: costOf(cameraId, 'main'), sub: costOf(cameraId, 'sub') },
      });
    });
    return allocateDecode(demands, budgetMps, dropped);
  }, [grid, tiles, cameraStreams, sizeStreams, isVisible, costOf, budgetMps, important, dropped]);

  useEffect(() => {
    const now = decode.choices.filter((c) => c.reason === 'budget').map((c) => c.index);
    setDropped((previous) => (now.length === previous.size && now.every((i) => previous.has(i)) ? previous : new Set(now)));
  }, [decode]);

  const byIndex = useMemo(() => new Map(decode.choices.map((c) => [c.index, c])), [decode]);
  const streamFor = useCallback(
    (index: number, cameraId: string): StreamKind =>
      byIndex.get(index)?.stream ?? offeredStream(preferredStream(grid), cameraStreams?.get(cameraId)),
    [byIndex, grid, cameraStreams],
  );
  const reasonFor = useCallback((index: number) => byIndex.get(index)?.reason ?? null, [byIndex]);
  return { streamFor, reasonFor, decode };
}
