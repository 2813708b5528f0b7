import { z } from 'zod';
import { CameraId } from './camera.js';

/** Square grids a display can show (issue 4 adds spans and larger grids). */
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
