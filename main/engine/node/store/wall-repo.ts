import { WallLayout, type WallDisplayRef } from '../../../../common/domain/wall.js';
import type { Db } from './database.js';

export class WallRepo {
  constructor(private readonly db: Db) {}

  get(ref: WallDisplayRef): WallLayout | undefined {
    const row = this.db
      .prepare('SELECT grid, tiles FROM wall_layouts WHERE wall_id = ? AND display_id = ?')
      .get(ref.wallId, ref.displayId) as { grid: number; tiles: string } | undefined;
    if (!row) return undefined;
    return WallLayout.parse({ ...ref, grid: row.grid, tiles: JSON.parse(row.tiles) });
  }

  /** Every display's stored layout, by wall and display. */
  list(): WallLayout[] {
    const rows = this.db.prepare('SELECT wall_id, display_id, grid, tiles FROM wall_layouts ORDER BY wall_id, display_id').all() as {
      wall_id: string;
      display_id: string;
      grid: number;
      tiles: string;
    }[];
    return rows.map((row) => WallLayout.parse({ wallId: row.wall_id, displayId: row.display_id, grid: row.grid, tiles: JSON.parse(row.tiles) }));
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  set(layout: WallLayout): void {
    this.db
      .prepare(
        `INSERT INTO wall_layouts (wall_id, display_id, grid, tiles, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(wall_id, display_id) DO UPDATE SET grid = excluded.grid, tiles = excluded.tiles, updated_at = excluded.updated_at`,
      )
      .run(layout.wallId, layout.displayId, layout.grid, JSON.stringify(layout.tiles), Date.now());
  }
}
