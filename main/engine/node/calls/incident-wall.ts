// When an operator answers a call, the wall shows the incident: the box's own camera and the
// nearest cameras. When that call ends the wall goes back to what it showed before, unless
// someone has put something else on it meanwhile (their choice wins over our restore).
import type { Alert } from '../../../../common/domain/alert.js';
import type { WallDisplayRef, WallLayout } from '../../../../common/domain/wall.js';
import { createLogger } from '../../../../common/logger.js';
import type { AlertQueue } from '../alerts/alert-queue.js';
import type { WallService } from '../walls/wall-service.js';

const log = createLogger('incident-wall');
const endedStates = new Set<Alert['state']>(['ended', 'dropped', 'closed']);

export function incidentLayout(ref: WallDisplayRef, cameras: readonly string[]): WallLayout {
  const grid = cameras.length <= 1 ? 1 : cameras.length <= 4 ? 4 : 9;
  const tiles = Array.from({ length: grid }, (_, i) => cameras[i] ?? null);
  return { ...ref, grid, tiles };
}

export class IncidentWall {
  private before: WallLayout | undefined;
  private shown: { alertId: string; layout: WallLayout } | undefined;

  constructor(
    queue: AlertQueue,
    /** set() takes off a span over the display and is never refused by a lease. */
    private readonly walls: Pick<WallService, 'get' | 'set'>,
    private readonly ref: WallDisplayRef,
  ) {
    queue.on('changed', (alert) => this.onChanged(alert));
  }

  private onChanged(alert: Alert): void {
    try {
      if (alert.state === 'answered' && alert.incidentCameras.length > 0 && this.shown?.alertId !== alert.id) {
        this.before ??= this.walls.get(this.ref);
        const layout = incidentLayout(this.ref, alert.incidentCameras);
        this.walls.set(layout);
        this.shown = { alertId: alert.id, layout };
      } else if (this.shown?.alertId === alert.id && endedStates.has(alert.state)) {
        const current = this.walls.get(this.ref);
        if (this.before && sameTiles(current, this.shown.layout)) this.walls.set(this.before);
        this.before = undefined;
        this.shown = undefined;
      }
    } catch (error) {
      // The wall is a convenience; the call itself must never fail because of it.
      log.warn(`incident layout for ${alert.id} not applied`, error);
    }
  }
}

function sameTiles(a: WallLayout, b: WallLayout): boolean {
  return a.grid === b.grid && a.tiles.every((tile, i) => tile === b.tiles[i]);
}
