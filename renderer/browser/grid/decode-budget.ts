// A display's decode budget: how many megapixels per second its tiles may decode together. When
// the streams the tiles' sizes call for cost more, the least important tiles drop from main to sub
// (and say so) until the rest fits. Kept pure: the grid feeds it sizes, priorities and costs.
import type { StreamKind } from '../../../common/domain/camera.js';

export interface StreamFormat {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
}

/** What a stream is assumed to cost until its own inbound stats say otherwise. */
export const ASSUMED_FORMAT: Readonly<Record<StreamKind, StreamFormat>> = {
  main: { width: 1920, height: 1080, fps: 25 },
  sub: { width: 640, height: 360, fps: 25 },
};

/**
 * Default budget: ten 1080p25 streams (≈518 MP/s), about what a wall PC's hardware decoder keeps up
 * with in Chromium alongside compositing; a display that can do more (or less) says so.
 */
export const DEFAULT_DECODE_BUDGET_MPS = 500;

/** Tiles already dropped for the budget come back only when the display is this far under it. */
export const UPGRADE_MARGIN = 0.1;

export function megapixelsPerSecond(format: StreamFormat): number {
  return (format.width * format.height * format.fps) / 1_000_000;
}

export interface DecodeDemand {
  readonly index: number;
  /** The stream the tile's size calls for, already limited to what its camera offers. */
  readonly wanted: StreamKind;
  /** Whether the camera has a sub stream to drop to. */
  readonly hasSub: boolean;
  /** 0 is the most important; ties go to the earlier tile. */
  readonly priority: number;
  /** A hidden (paused) tile decodes nothing and costs nothing. */
  readonly decoding: boolean;
  /** MP/s of each of the camera's streams (observed, else assumed). */
  readonly cost: Readonly<Record<StreamKind, number>>;
}

export type StreamReason = 'size' | 'budget';

export interface DecodeChoice {
  readonly index: number;
  readonly stream: StreamKind;
  readonly reason: StreamReason;
}

export interface DecodePlan {
  /** One per demand, in the demands' order. */
  readonly choices: readonly DecodeChoice[];
  /** What the tiles' sizes alone would decode. */
  readonly demandMps: number;
  /** What the chosen streams decode. */
  readonly loadMps: number;
  /** Still over the budget with every droppable tile dropped. */
  readonly overBudget: boolean;
}

export function allocateDecode(
  demands: readonly DecodeDemand[],
  budgetMps: number,
  previouslyDropped: ReadonlySet<number> = new Set(),
): DecodePlan {
  const droppable = (d: DecodeDemand): boolean => d.wanted === 'main' && d.hasSub;
  const dropped = new Set<number>();
  // Hidden tiles keep a drop they had: coming back into view must not start with a switch.
  for (const d of demands) if (droppable(d) && previouslyDropped.has(d.index)) dropped.add(d.index);

  const costOf = (d: DecodeDemand): number => (d.decoding ? d.cost[dropped.has(d.index) ? 'sub' : d.wanted] : 0);
  const demandMps = demands.reduce((sum, d) => sum + (d.decoding ? d.cost[d.wanted] : 0), 0);
  let load = demands.reduce((sum, d) => sum + costOf(d), 0);

  const byImportance = [...demands].filter((d) => droppable(d) && d.decoding).sort((a, b) => a.priority - b.priority || a.index - b.index);
  // Bring dropped tiles back, most important first, while clearly under the budget.
  for (const d of byImportance) {
    if (!dropped.has(d.index)) continue;
    const upgraded = load - d.cost.sub + d.cost.main;
    if (upgraded > budgetMps * (1 - UPGRADE_MARGIN)) continue;
    dropped.delete(d.index);
    load = upgraded;
  }
  // Then drop the least important until the rest fits.
  for (const d of [...byImportance].reverse()) {
    if (load <= budgetMps) break;
    if (dropped.has(d.index)) continue;
    dropped.add(d.index);
    load = load - d.cost.main + d.cost.sub;
  }

  const choices = demands.map((d): DecodeChoice =>
    dropped.has(d.index) ? { index: d.index, stream: 'sub', reason: 'budget' } : { index: d.index, stream: d.wanted, reason: 'size' },
  );
  return { choices, demandMps, loadMps: load, overBudget: load > budgetMps };
}

/**
 * Tile importance: the first tile and any tile showing an incident camera come first (in tile
 * order among themselves), then the rest in tile order.
 */
export function tilePriority(index: number, cameraId: string | null, important: ReadonlySet<string>): number {
  const first = index === 0 || (cameraId !== null && important.has(cameraId));
  return first ? index : 1_000 + index;
}
