// Wall definitions, the spans on each wall, and named presets (migration 5); each wall's control
// lease and running tour (migration 8). Rows are parsed by the shared schemas on the way out, so a
// hand-edited row fails loudly instead of leaking.
import { z } from 'zod';
import { WallDefinition, WallPreset, WallSpan } from '../../../../common/domain/wall.js';
import type { Db } from './database.js';

const Spans = z.array(WallSpan);

export interface StoredLease {
  wallId: string;
  username: string;
  displayName: string;
  takenAt: number;
  expiresAt: number;
}

const StoredTour = z.object({
  plan: z.object({
    wallId: z.string(),
    // Read back exactly as written (no trimming): the names are looked up again at restore.
    presetNames: z.array(z.string()).min(1).optional(),
    cameraIds: z.array(z.string()).min(1).optional(),
    displayId: z.string().optional(),
    dwellS: z.number(),
    startedBy: z.string(),
    username: z.string(),
  }),
  startedAt: z.number().int(),
  step: z.number().int().nonnegative(),
  stepAt: z.number().int(),
});
export type StoredTour = z.infer<typeof StoredTour>;

/** A stored tour as read back: the tour, or why its row could not be read (it is then ended, not resumed). */
export type StoredTourRow = { wallId: string } & ({ tour: StoredTour } | { unreadable: string });

interface LeaseRow {
  wall_id: string;
  username: string;
  display_name: string;
  taken_at: number;
  expires_at: number;
}

interface TourRow {
  wall_id: string;
  preset_names: string | null;
  camera_ids: string | null;
  display_id: string | null;
  dwell_s: number;
  started_by: string;
  username: string;
  started_at: number;
  step: number;
  step_at: number;
}

function readTour(row: TourRow): StoredTourRow {
  try {
    const tour = StoredTour.parse({
      plan: {
        wallId: row.wall_id,
        ...(row.preset_names !== null ? { presetNames: JSON.parse(row.preset_names) } : {}),
        ...(row.camera_ids !== null ? { cameraIds: JSON.parse(row.camera_ids) } : {}),
        ...(row.display_id !== null ? { displayId: row.display_id } : {}),
        dwellS: row.dwell_s,
        startedBy: row.started_by,
        username: row.username,
      },
      startedAt: row.started_at,
      step: row.step,
      stepAt: row.step_at,
    });
    return { wallId: row.wall_id, tour };
  } catch (error) {
    return { wallId: row.wall_id, unreadable: error instanceof Error ? error.message : String(error) };
  }
}

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

  // ── Control leases and running tours (one row per wall; written before the change counts)

  listLeases(): StoredLease[] {
    const rows = this.db.prepare('SELECT * FROM wall_leases ORDER BY wall_id').all() as LeaseRow[];
    return rows.map((row) => ({ wallId: row.wall_id, username: row.username, displayName: row.display_name, takenAt: row.taken_at, expiresAt: row.expires_at }));
  }

  /** Takes or renews the wall's lease. */
  saveLease(lease: StoredLease): void {
    this.db
      .prepare(
        `INSERT INTO wall_leases (wall_id, username, display_name, taken_at, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(wall_id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
           taken_at = excluded.taken_at, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
      )
      .run(lease.wallId, lease.username, lease.displayName, lease.takenAt, lease.expiresAt, Date.now());
  }

  deleteLease(wallId: string): boolean {
    return this.db.prepare('DELETE FROM wall_leases WHERE wall_id = ?').run(wallId).changes > 0;
  }

  listTours(): StoredTourRow[] {
    const rows = this.db.prepare('SELECT * FROM wall_tours ORDER BY wall_id').all() as TourRow[];
    return rows.map(readTour);
  }

  /** Starts a tour (replacing the wall's previous one) or moves it to another step. */
  saveTour(tour: StoredTour): void {
    const { plan } = tour;
    this.db
      .prepare(
        `INSERT INTO wall_tours (wall_id, preset_names, camera_ids, display_id, dwell_s, started_by, username, started_at, step, step_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(wall_id) DO UPDATE SET preset_names = excluded.preset_names, camera_ids = excluded.camera_ids,
           display_id = excluded.display_id, dwell_s = excluded.dwell_s, started_by = excluded.started_by,
           username = excluded.username, started_at = excluded.started_at, step = excluded.step, step_at = excluded.step_at`,
      )
      .run(
        plan.wallId,
        plan.presetNames ? JSON.stringify(plan.presetNames) : null,
        plan.cameraIds ? JSON.stringify(plan.cameraIds) : null,
        plan.displayId ?? null,
        plan.dwellS,
        plan.startedBy,
        plan.username,
        tour.startedAt,
        tour.step,
        tour.stepAt,
      );
  }

  deleteTour(wallId: string): boolean {
    return this.db.prepare('DELETE FROM wall_tours WHERE wall_id = ?').run(wallId).changes > 0;
  }
}
