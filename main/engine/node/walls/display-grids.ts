// Each display's own grid (which camera on which tile), as WallService's private part: it checks
// the cameras and writes the layouts; WallService decides when (leases, spans) and announces them.
import type { WallDisplayRef, WallLayout } from '../../../../common/domain/wall.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { CameraRepo } from '../store/camera-repo.js';
import type { WallRepo } from '../store/wall-repo.js';

export class DisplayGrids {
  constructor(
    private readonly repo: WallRepo,
    private readonly cameras: CameraRepo,
  ) {}

  /** Any display of any wall has a grid: an empty 2×2 until someone sets one. */
  get(ref: WallDisplayRef): WallLayout {
    return this.repo.get(ref) ?? { ...ref, grid: 4, tiles: [null, null, null, null] };
  }

  /**
   * Every camera checked first, then the layouts written in one transaction together with
   * `alongside` (the spans, the audit entry).
   */
  write(layouts: readonly WallLayout[], alongside?: () => void): void {
    const unknown = layouts.flatMap((l) => l.tiles).filter((id): id is string => id !== null && !this.cameras.get(id));
    if (unknown.length) throw new JharokhaError('NotFound', `unknown cameras: ${[...new Set(unknown)].join(', ')}`);
    this.repo.transaction(() => {
      for (const layout of layouts) this.repo.set(layout);
      alongside?.();
    });
  }
}
