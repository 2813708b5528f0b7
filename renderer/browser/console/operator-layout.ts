// The operator's own grid, kept in localStorage so a reload or a restarted workstation comes back
// to the same cameras. Names and streams of the cameras on it are kept too: the grid can show
// them before any search has run.
import { z } from 'zod';
import { CameraId, StreamKind, type CameraSummary } from '../../../common/domain/camera.js';
import { GridSize } from '../../../common/domain/wall.js';
import { resizeTiles } from '../grid/grid-geometry.js';

const STORAGE_KEY = 'jharokha.console.layout.v1';

const KnownCamera = z.object({ name: z.string().max(200), streams: z.array(StreamKind) });
export type KnownCamera = z.infer<typeof KnownCamera>;

const StoredLayout = z.object({
  grid: GridSize,
  tiles: z.array(CameraId.nullable()).max(16),
  cameras: z.record(z.string(), KnownCamera).default({}),
});
export type OperatorLayout = z.infer<typeof StoredLayout>;

export const defaultLayout: OperatorLayout = { grid: 4, tiles: [null, null, null, null], cameras: {} };

export function loadLayout(storage: Pick<Storage, 'getItem'>): OperatorLayout {
  let raw: string | null = null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return defaultLayout;
  }
  if (raw === null) return defaultLayout;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return defaultLayout;
  }
  const parsed = StoredLayout.safeParse(json);
  if (!parsed.success) return defaultLayout;
  return { ...parsed.data, tiles: resizeTiles(parsed.data.tiles, parsed.data.grid) };
}

export function saveLayout(storage: Pick<Storage, 'setItem'>, layout: OperatorLayout): void {
  // Only what is on the grid is worth remembering.
  const cameras: Record<string, KnownCamera> = {};
  for (const id of layout.tiles) {
    const known = id === null ? undefined : layout.cameras[id];
    if (id !== null && known) cameras[id] = known;
  }
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ grid: layout.grid, tiles: layout.tiles, cameras }));
  } catch {
    // Storage full or disabled: the grid still works, it just will not survive a reload.
  }
}

export function rememberCamera(layout: OperatorLayout, camera: CameraSummary): OperatorLayout {
  return { ...layout, cameras: { ...layout.cameras, [camera.id]: { name: camera.name, streams: camera.streams } } };
}
