// The video wall, one concept: a grid of identical displays as installers build it (size and
// bezel), each display's own grid of camera tiles, and what operators do with the whole wall:
// cameras spanning displays, presets, tours and the control lease.
import { z } from 'zod';
import { CameraId } from './camera.js';

/** Square grids one display can show; a camera larger than one display is a span (below). */
export const gridSizes = [1, 4, 9, 16] as const;
export const GridSize = z.union([z.literal(1), z.literal(4), z.literal(9), z.literal(16)]);
export type GridSize = z.infer<typeof GridSize>;

const Slug = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/);

export const WallDisplayRef = z.object({ wallId: Slug, displayId: Slug });
export type WallDisplayRef = z.infer<typeof WallDisplayRef>;

export const WallLayout = WallDisplayRef.extend({
  grid: GridSize,
  /** One entry per tile, row by row; null is an empty tile. */
  tiles: z.array(CameraId.nullable()).max(16),
}).refine((l) => l.tiles.length === l.grid, { message: 'tiles must have exactly grid entries' });
export type WallLayout = z.infer<typeof WallLayout>;

export const WallId = WallDisplayRef.shape.wallId;
export const DisplayId = WallDisplayRef.shape.displayId;

const mm = (max: number) => z.number().int().min(0).max(max);

/** Every display of a wall is the same model: one size, one bezel. */
export const DisplayGeometry = z.object({
  /** The visible picture, not the case. */
  widthMm: mm(10_000).positive(),
  heightMm: mm(10_000).positive(),
  /** The frame on each edge of one display: two neighbours' pictures are 2 × bezelMm apart. */
  bezelMm: mm(500),
});
export type DisplayGeometry = z.infer<typeof DisplayGeometry>;

const WallShape = z.object({
  id: WallId,
  name: z.string().trim().min(1).max(80),
  columns: z.number().int().min(1).max(8),
  rows: z.number().int().min(1).max(8),
  /** Display ids row by row, left to right. */
  displays: z.array(DisplayId).max(64),
  display: DisplayGeometry,
});

function checkDisplays(wall: z.infer<typeof WallShape>, ctx: z.RefinementCtx): void {
  if (wall.displays.length !== wall.columns * wall.rows) {
    ctx.addIssue({ code: 'custom', path: ['displays'], message: `a ${wall.columns}×${wall.rows} wall has ${wall.columns * wall.rows} displays` });
  }
  if (new Set(wall.displays).size !== wall.displays.length) ctx.addIssue({ code: 'custom', path: ['displays'], message: 'display ids repeat' });
}

export const WallDefinition = WallShape.superRefine(checkDisplays);
export type WallDefinition = z.infer<typeof WallDefinition>;

/** What an installer sends: display ids default to "1"…"n", row by row. */
export const WallDefinitionInput = WallShape.extend({ displays: WallShape.shape.displays.optional() })
  .transform((w) => ({ ...w, displays: w.displays ?? Array.from({ length: w.columns * w.rows }, (_, i) => String(i + 1)) }))
  .superRefine(checkDisplays);

/** One camera over a rectangle of displays, in display units (col/row of its top-left display). */
export const WallSpan = z.object({
  cameraId: CameraId,
  col: z.number().int().min(0).max(7),
  row: z.number().int().min(0).max(7),
  cols: z.number().int().min(1).max(8),
  rows: z.number().int().min(1).max(8),
});
export type WallSpan = z.infer<typeof WallSpan>;

export const WallSpans = z.object({ wallId: WallId, spans: z.array(WallSpan).max(64) });
export type WallSpans = z.infer<typeof WallSpans>;

/** The part of the camera picture a display shows, as fractions of its width and height. */
export const Crop = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type Crop = z.infer<typeof Crop>;

/** What one display shows: its own grid, or its part of a span. */
export const DisplayView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grid'), wallId: WallId, displayId: DisplayId, layout: WallLayout }),
  z.object({ kind: z.literal('span'), wallId: WallId, displayId: DisplayId, cameraId: CameraId, span: WallSpan, crop: Crop }),
]);
export type DisplayView = z.infer<typeof DisplayView>;

export const PresetName = z.string().trim().min(1).max(64);

export const WallPreset = z.object({
  wallId: WallId,
  name: PresetName,
  layouts: z.array(WallLayout).max(64),
  spans: z.array(WallSpan).max(64),
  savedBy: z.string(),
  savedAt: z.number().int(),
});
export type WallPreset = z.infer<typeof WallPreset>;

/** Who may change a wall now; holder null when nobody holds a valid lease. */
export const WallControl = z.object({
  wallId: WallId,
  holder: z.string().nullable(),
  holderName: z.string().optional(),
  expiresAt: z.number().int().nullable(),
});
export type WallControl = z.infer<typeof WallControl>;

export const MIN_TOUR_DWELL_S = 3;
export const TourDwellS = z.number().min(MIN_TOUR_DWELL_S, `a tour dwells at least ${MIN_TOUR_DWELL_S} s per step`).max(3600);

/** A running tour: presets recalled in turn, or cameras shown in turn on one display. */
export const WallTour = z.object({
  wallId: WallId,
  presetNames: z.array(PresetName).min(1).max(50).optional(),
  cameraIds: z.array(CameraId).min(1).max(100).optional(),
  displayId: DisplayId.optional(),
  dwellS: TourDwellS,
  /** Index of the step shown now. */
  step: z.number().int().nonnegative(),
  startedBy: z.string(),
  nextAt: z.number().int(),
});
export type WallTour = z.infer<typeof WallTour>;

export const WallSummary = z.object({
  wall: WallDefinition,
  spans: z.array(WallSpan),
  control: WallControl,
  tour: WallTour.nullable(),
});
export type WallSummary = z.infer<typeof WallSummary>;
