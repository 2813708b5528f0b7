// Grid arithmetic and the stream-choice rule, kept pure so the policy is testable and lives in
// the grid rather than in the player.
import type { StreamKind } from '../../../common/domain/camera.js';
import type { GridSize } from '../../../common/domain/wall.js';

export type TileSlots = ReadonlyArray<string | null>;

export function gridColumns(grid: GridSize): number {
  return Math.round(Math.sqrt(grid));
}

/**
 * A first guess before a tile has been measured: tiles of a 3×3 or 4×4 grid are usually small
 * enough for the sub stream. The tile's size in pixels decides once known (stream-by-size.ts).
 */
export function preferredStream(grid: GridSize): StreamKind {
  return grid >= 9 ? 'sub' : 'main';
}

/** The grid's first-guess stream, or the other one when the camera is known not to have it. */
export function chooseStream(grid: GridSize, available?: readonly StreamKind[]): StreamKind {
  return offeredStream(preferredStream(grid), available);
}

/** `preferred`, or the other one when the camera is known not to have it. */
export function offeredStream(preferred: StreamKind, available?: readonly StreamKind[]): StreamKind {
  if (!available || available.length === 0 || available.includes(preferred)) return preferred;
  return available[0] ?? preferred;
}

/** Keeps the first tiles when shrinking, adds empty ones when growing. */
export function resizeTiles(tiles: TileSlots, grid: GridSize): Array<string | null> {
  return Array.from({ length: grid }, (_, index) => tiles[index] ?? null);
}

/**
 * Where a clicked camera goes: the selected tile, else the first empty one, else the first tile.
 * Returns the new tiles and the index used.
 */
export function placeCamera(
  tiles: TileSlots,
  cameraId: string,
  selected: number | null,
): { tiles: Array<string | null>; index: number } {
  const inRange = selected !== null && selected >= 0 && selected < tiles.length;
  const firstEmpty = tiles.indexOf(null);
  const index = inRange ? selected : firstEmpty >= 0 ? firstEmpty : 0;
  return { tiles: setTile(tiles, index, cameraId), index };
}

export function setTile(tiles: TileSlots, index: number, cameraId: string | null): Array<string | null> {
  if (index < 0 || index >= tiles.length) return [...tiles];
  return tiles.map((current, i) => (i === index ? cameraId : current));
}
