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

  /**
   * Several displays at once (a preset recall): every camera checked first, the layouts written in
   * one transaction together with `alongside` (the spans, the audit entry), then each announced.
   */
  setMany(layouts: readonly WallLayout[], alongside?: () => void): void {
    const unknown = layouts.flatMap((l) => l.tiles).filter((id): id is string => id !== null && !this.cameras.get(id));
    if (unknown.length) throw new JharokhaError('NotFound', `unknown cameras: ${[...new Set(unknown)].join(', ')}`);
    this.repo.transaction(() => {
      for (const layout of layouts) this.repo.set(layout);
      alongside?.();
    });
    for (const layout of layouts) this.safeEmit('layout', layout);
  }
}
