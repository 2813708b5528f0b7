// Wall display layouts: stored, and pushed to every connected client when one changes.
import type { WallDisplayRef, WallLayout } from '../../../common/domain/wall.js';
import { JharokhaError } from '../../../common/errors.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { CameraRepo } from './store/camera-repo.js';
import type { WallRepo } from './store/wall-repo.js';

export type WallServiceEvents = { layout: [layout: WallLayout] };

export class WallService extends TypedEmitter<WallServiceEvents> {
  constructor(
    private readonly repo: WallRepo,
    private readonly cameras: CameraRepo,
  ) {
    super();
  }

  get(ref: WallDisplayRef): WallLayout {
    return this.repo.get(ref) ?? { ...ref, grid: 4, tiles: [null, null, null, null] };
  }

  set(layout: WallLayout): void {
    const unknown = layout.tiles.filter((id): id is string => id !== null && !this.cameras.get(id));
    if (unknown.length) throw new JharokhaError('NotFound', `unknown cameras: ${unknown.join(', ')}`);
    this.repo.set(layout);
    this.safeEmit('layout', layout);
  }
}
