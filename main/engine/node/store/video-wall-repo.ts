// Wall definitions, the spans on each wall, and named presets (migration 5). Rows are JSON that is
// parsed by the shared schemas on the way out, so a hand-edited row fails loudly instead of leaking.
import { z } from 'zod';
import { WallDefinition, WallPreset, WallSpan } from '../../../../common/domain/video-wall.js';
import type { Db } from './database.js';

const Spans = z.array(WallSpan);

interface PresetRow {
  wall_id: string;
  name: string;
  layouts: string;
  spans: string;
  saved_by: string;
  saved_at: number;
}

const toPreset = (row: PresetRow): WallPreset =>
  WallPreset.parse({
    wallId: row.wall_id,
    name: row.name,
    layouts: JSON.parse(row.layouts),
    spans: JSON.parse(row.spans),
    savedBy: row.saved_by,
    savedAt: row.saved_at,
  });

export class VideoWallRepo {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  listWalls(): WallDefinition[] {
    const rows = this.db.prepare('SELECT definition FROM walls ORDER BY id').all() as { definition: string }[];
    return rows.map((row) => WallDefinition.parse(JSON.parse(row.definition)));
  }

  getWall(id: string): WallDefinition | undefined {
    const row = this.db.prepare('SELECT definition FROM walls WHERE id = ?').get(id) as { definition: string } | undefined;
    return row ? WallDefinition.parse(JSON.parse(row.definition)) : undefined;
  }

  saveWall(wall: WallDefinition): void {
    this.db
      .prepare(
        `INSERT INTO walls (id, definition, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
      )
      .run(wall.id, JSON.stringify(WallDefinition.parse(wall)), Date.now());
  }

  getSpans(wallId: string): WallSpan[] {
    const row = this.db.prepare('SELECT spans FROM wall_spans WHERE wall_id = ?').get(wallId) as { spans: string } | undefined;
    return row ? Spans.parse(JSON.parse(row.spans)) : [];
  }

  setSpans(wallId: string, spans: readonly WallSpan[]): void {
    this.db
      .prepare(
        `INSERT INTO wall_spans (wall_id, spans, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(wall_id) DO UPDATE SET spans = excluded.spans, updated_at = excluded.updated_at`,
      )
      .run(wallId, JSON.stringify(spans), Date.now());
  }

  listPresets(wallId: string): WallPreset[] {
    const rows = this.db.prepare('SELECT * FROM wall_presets WHERE wall_id = ? ORDER BY name').all(wallId) as PresetRow[];
    return rows.map(toPreset);
  }

  getPreset(wallId: string, name: string): WallPreset | undefined {
    const row = this.db.prepare('SELECT * FROM wall_presets WHERE wall_id = ? AND name = ?').get(wallId, name) as PresetRow | undefined;
    return row ? toPreset(row) : undefined;
  }

  /** Saving under an existing name replaces that preset. */
  savePreset(preset: WallPreset): void {
    this.db
      .prepare(
        `INSERT INTO wall_presets (wall_id, name, layouts, spans, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(wall_id, name) DO UPDATE SET layouts = excluded.layouts, spans = excluded.spans,
           saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
      )
      .run(preset.wallId, preset.name, JSON.stringify(preset.layouts), JSON.stringify(preset.spans), preset.savedBy, preset.savedAt);
  }

  deletePreset(wallId: string, name: string): boolean {
    return this.db.prepare('DELETE FROM wall_presets WHERE wall_id = ? AND name = ?').run(wallId, name).changes > 0;
  }
}
