// The camera inventory. Credentials and URLs stay in the engine: summaries never carry them.
import { z } from 'zod';
import { CameraCategory, CameraId, CameraSummary, type StreamKind } from '../../../../common/domain/camera.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { Db } from './database.js';

const RtspUrl = z
  .string()
  .max(2000)
  .refine((u) => /^rtsps?:\/\/[^\s/]+/.test(u), 'must be an rtsp:// URL');

/** A camera as the engine stores it (trust boundary for imports and the demo site alike). */
export const CameraRecord = z.object({
  id: CameraId,
  name: z.string().min(1).max(200),
  place: z.string().max(200).default(''),
  category: CameraCategory,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  mainUrl: RtspUrl,
  subUrl: RtspUrl.optional(),
  username: z.string().max(200).optional(),
  password: z.string().max(200).optional(),
  transport: z.enum(['tcp', 'udp']).default('tcp'),
});
export type CameraRecord = z.infer<typeof CameraRecord>;
export type CameraRecordInput = z.input<typeof CameraRecord>;

export interface CameraEndpointRecord {
  url: string;
  username?: string;
  password?: string;
  transport: 'tcp' | 'udp';
}

interface Row {
  id: string;
  name: string;
  place: string;
  category: string;
  lat: number;
  lon: number;
  main_url: string;
  sub_url: string | null;
  username: string | null;
  password: string | null;
  transport: 'tcp' | 'udp';
}

function toSummary(row: Row): CameraSummary {
  return CameraSummary.parse({
    id: row.id,
    name: row.name,
    place: row.place,
    category: row.category,
    lat: row.lat,
    lon: row.lon,
    streams: row.sub_url ? ['main', 'sub'] : ['main'],
  });
}

export class CameraRepo {
  constructor(private readonly db: Db) {}

  /** Inserts or replaces cameras in one transaction; every record is validated first. */
  upsertMany(inputs: CameraRecordInput[]): void {
    const records = inputs.map((input) => CameraRecord.parse(input));
    const statement = this.db.prepare(`
      INSERT INTO cameras (id, name, place, category, lat, lon, main_url, sub_url, username, password, transport, updated_at)
      VALUES (@id, @name, @place, @category, @lat, @lon, @mainUrl, @subUrl, @username, @password, @transport, @now)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, place = excluded.place, category = excluded.category,
        lat = excluded.lat, lon = excluded.lon, main_url = excluded.main_url, sub_url = excluded.sub_url,
        username = excluded.username, password = excluded.password, transport = excluded.transport,
        updated_at = excluded.updated_at`);
    const now = Date.now();
    this.db.transaction(() => {
      for (const r of records) {
        statement.run({ ...r, subUrl: r.subUrl ?? null, username: r.username ?? null, password: r.password ?? null, now });
      }
    })();
  }

  search(params: { text: string; category?: CameraSummary['category']; limit: number }): {
    cameras: CameraSummary[];
    total: number;
  } {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: params.limit };
    const text = params.text.trim().toLowerCase();
    if (text) {
      // Every word must match name, place or category: "bank mall" finds the Mall Road bank.
      text.split(/\s+/).slice(0, 8).forEach((word, i) => {
        where.push(`(lower(name) LIKE @w${i} ESCAPE '\\' OR lower(place) LIKE @w${i} ESCAPE '\\' OR category LIKE @w${i} ESCAPE '\\')`);
        args[`w${i}`] = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      });
    }
    if (params.category) {
      where.push('category = @category');
      args.category = params.category;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT * FROM cameras ${clause} ORDER BY name LIMIT @limit`).all(args) as Row[];
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM cameras ${clause}`).get(args) as { total: number };
    return { cameras: rows.map(toSummary), total };
  }

  get(id: string): CameraSummary | undefined {
    const row = this.db.prepare('SELECT * FROM cameras WHERE id = ?').get(id) as Row | undefined;
    return row && toSummary(row);
  }

  /**
   * Where every camera stands, for a nearest-camera scan on each alert. Only the three columns and no
   * re-validation (rows were checked on the way in): at the city's ~5,000 cameras this takes a few
   * milliseconds where full summaries take ~25, and it runs on the press-to-ring path.
   */
  locations(): Pick<CameraSummary, 'id' | 'lat' | 'lon'>[] {
    return this.db.prepare('SELECT id, lat, lon FROM cameras').all() as Pick<CameraSummary, 'id' | 'lat' | 'lon'>[];
  }

  /** Where and how to pull one stream: engine-internal, never sent to a client. */
  endpoint(id: string, stream: StreamKind): CameraEndpointRecord {
    const row = this.db.prepare('SELECT * FROM cameras WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new JharokhaError('NotFound', `no camera ${id}`);
    const url = stream === 'sub' ? row.sub_url : row.main_url;
    if (!url) throw new JharokhaError('NotFound', `camera ${id} has no ${stream} stream`);
    return {
      url,
      transport: row.transport,
      ...(row.username ? { username: row.username } : {}),
      ...(row.password ? { password: row.password } : {}),
    };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM cameras').get() as { n: number }).n;
  }
}
