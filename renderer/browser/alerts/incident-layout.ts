// While this operator is on a call, the console's own grid shows the incident: the box's camera,
// then the nearest ones. The operator's own layout is left untouched (and unsaved changes to the
// incident view are simply dropped) so the grid goes back to it when the call is over.
import type { GridSize } from '../../../common/domain/wall.js';
import { resizeTiles, type TileSlots } from '../grid/grid-geometry.js';

export interface GridView {
  grid: GridSize;
  tiles: Array<string | null>;
}

/** Four cameras or fewer fill a 2×2; more get a 3×3 (the nine nearest). */
export function incidentView(cameras: readonly string[]): GridView {
  const unique = [...new Set(cameras)];
  const grid: GridSize = unique.length <= 4 ? 4 : 9;
  return { grid, tiles: resizeTiles(unique, grid) };
}

/** The incident view as the operator may have adjusted it during this call (keyed by the alert). */
export interface IncidentOverride extends GridView {
  alertId: string;
}

/** The grid to show: the operator's layout, or the incident's (adjusted or as the engine said). */
export function shownGrid(
  layout: { grid: GridSize; tiles: TileSlots },
  incident: { id: string; incidentCameras: readonly string[] } | null,
  override: IncidentOverride | null,
): GridView & { incidentId: string | null } {
  if (!incident) return { grid: layout.grid, tiles: [...layout.tiles], incidentId: null };
  if (override && override.alertId === incident.id) return { grid: override.grid, tiles: override.tiles, incidentId: incident.id };
  return { ...incidentView(incident.incidentCameras), incidentId: incident.id };
}
