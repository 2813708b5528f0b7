// The camera inventory. Credentials and URLs stay in the engine: summaries never carry them.
// Credentials are stored sealed (secret-box.ts) and opened only by endpoint(), for the media plane,
// and by fullRecords(), for the site snapshot a workstation fetches with its own key.
import type { Statement } from 'better-sqlite3';
import { z } from 'zod';
import { CameraCategory, CameraId, CameraSummary, type StreamKind } from '../../../../common/domain/camera.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import type { Db } from './database.js';
import type { SecretBox } from './secret-box.js';
import { hasUrlCredentials, moveUrlCredentials, splitUrlCredentials } from './url-credentials.js';

const log = createLogger('cameras');

// Credentials written into a URL would be stored in the clear: the write paths move them into
// their own fields first (url-credentials.ts), and a URL that still holds any is refused.
const noCredentials = (u: string): boolean => !hasUrlCredentials(u);
const credentialsInUrl = 'credentials belong in the username and password fields (stored sealed), not in the URL';

const RtspUrl = z
  .string()
  .max(2000)
  .refine((u) => /^rtsps?:\/\/[^\s/]+/.test(u), 'must be an rtsp:// URL')
  .refine(noCredentials, credentialsInUrl);

const HttpUrl = z
  .string()
  .max(2000)
  .refine((u) => /^https?:\/\/[^\s/]+/.test(u), 'must be an http:// or https:// URL')
  .refine(noCredentials, credentialsInUrl);

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
  /** The camera's ONVIF device service, for discovery and PTZ. */
  onvifUrl: HttpUrl.optional(),
  transport: z.enum(['tcp', 'udp']).default('tcp'),
  /**
   * Basic authentication sends the password readable to anyone on the path (plain RTSP has no
   * TLS): the RTSP client answers a camera that offers only Basic when the installer allowed it here.
   */
  allowBasicAuth: z.boolean().default(false),
});
export type CameraRecord = z.infer<typeof CameraRecord>;
export type CameraRecordInput = z.input<typeof CameraRecord>;

export interface CameraEndpointRecord {
  url: string;
  username?: string;
  password?: string;
  transport: 'tcp' | 'udp';
  /** Absent: the RTSP client refuses a camera that offers only Basic. */
  allowBasicAuth?: boolean;
}

/** What a write did, row by row: unchanged rows are not written at all (updated_at included). */
export interface CameraWriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

type SummaryRow = Pick<Row, 'id' | 'name' | 'place' | 'category' | 'lat' | 'lon' | 'sub_url'>;

interface Row {
  id: string;
  name: string;
  place: string;
  category: string;
  lat: number;
  lon: number;
  main_url: string;
  sub_url: string | null;
  onvif_url: string | null;
  /** Sealed JSON of {username?, password?}; NULL when the camera needs none. */
  credentials: string | null;
  transport: 'tcp' | 'udp';
  allow_basic_auth: 0 | 1;
}

interface Credentials {
  username?: string;
  password?: string;
}

const SUMMARY_COLUMNS = 'id, name, place, category, lat, lon, sub_url';
const ROW_COLUMNS = 'id, name, place, category, lat, lon, main_url, sub_url, onvif_url, credentials, transport, allow_basic_auth';

/** Name, place and category in one lower-cased text; the separator keeps a word inside one field. */
function searchText(record: Pick<CameraRecord, 'name' | 'place' | 'category'>): string {
  return [record.name, record.place, record.category].join('\u001f').toLowerCase();
}

/** A sealed value is bound to its camera: it cannot be copied onto another row and opened there. */
const sealContext = (id: string): string => `camera:${id}`;

/** What a summary and a full record both say of a camera: what it is and where. */
const described = (row: SummaryRow) => ({ id: row.id, name: row.name, place: row.place, category: row.category, lat: row.lat, lon: row.lon });

function toSummary(row: SummaryRow): CameraSummary {
  return CameraSummary.parse({ ...described(row), streams: row.sub_url ? ['main', 'sub'] : ['main'] });
}

/**
 * Runs `change` in one transaction that overwrites plaintext: freed bytes are zeroed so the old
 * text does not linger in the file's free space, and the WAL that held it is emptied at once.
 */
function withSecureDelete(db: Db, change: () => void): void {
  const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    db.transaction(change)();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.pragma(`secure_delete = ${secureDelete}`);
  }
}

export class CameraRepo {
  private readonly statements = new Map<string, Statement>();

  /**
   * `secrets` seals and opens credentials; without it (tests, tools that never touch credentials)
   * writing or reading a camera's credentials throws. The engine opens the store with open().
   */
  constructor(
    private readonly db: Db,
    private readonly secrets?: SecretBox,
  ) {}

  /**
   * The inventory with its sealing key. In one transaction it seals any plaintext credentials an
   * older version stored (securely deleting the plaintext) and fills search_text where a schema
   * migration left it empty; then it proves the key opens what is already sealed, so a wrong
   * secret.key fails here, at start, not at the first camera pull.
   */
  static open(db: Db, secrets: SecretBox): CameraRepo {
    const repo = new CameraRepo(db, secrets);
    repo.upgradeRows(secrets);
    repo.moveStoredUrlCredentials();
    const sample = db.prepare('SELECT id, credentials FROM cameras WHERE credentials IS NOT NULL LIMIT 1').get() as
      | { id: string; credentials: string }
      | undefined;
    if (sample) secrets.open(sample.credentials, sealContext(sample.id));
    return repo;
  }

  private upgradeRows(secrets: SecretBox): void {
    type Legacy = { id: string; name: string; place: string; category: string; username: string | null; password: string | null };
    const legacy = this.db
      .prepare(`SELECT id, name, place, category, username, password FROM cameras WHERE username IS NOT NULL OR password IS NOT NULL OR search_text = ''`)
      .all() as Legacy[];
    if (legacy.length === 0) return;
    const plaintext = legacy.filter((r) => r.username !== null || r.password !== null).length;
    const update = this.db.prepare(
      'UPDATE cameras SET credentials = coalesce(@credentials, credentials), username = NULL, password = NULL, search_text = @searchText WHERE id = @id',
    );
    const upgrade = (): void => {
      for (const row of legacy) {
        const credentials =
          row.username !== null || row.password !== null
            ? this.sealCredentials(row.id, { username: row.username ?? undefined, password: row.password ?? undefined }, secrets)
            : null;
        update.run({ id: row.id, credentials, searchText: searchText({ name: row.name, place: row.place, category: row.category as CameraRecord['category'] }) });
      }
    };
    if (plaintext > 0) withSecureDelete(this.db, upgrade);
    else this.db.transaction(upgrade)();
    if (plaintext > 0) log.info(`sealed the stored credentials of ${plaintext} cameras`);
  }

  /**
   * Credentials an older version let through in a URL (a query's ?user=&password=) move into the
   * sealed field, once, with the plaintext wiped from the file. Where the row's sealed credentials
   * disagree with its URL's, the sealed ones were what the camera was pulled with: they stay.
   */
  private moveStoredUrlCredentials(): void {
    const urls = ['main_url', 'sub_url', 'onvif_url'].map((c) => `${c} LIKE '%@%' OR ${c} LIKE '%?%'`).join(' OR ');
    const rows = (this.db.prepare(`SELECT ${ROW_COLUMNS} FROM cameras WHERE ${urls}`).all() as Row[]).filter((row) =>
      [row.main_url, row.sub_url, row.onvif_url].some((url) => url !== null && hasUrlCredentials(url)),
    );
    if (rows.length === 0) return;
    const update = this.db.prepare('UPDATE cameras SET main_url = @mainUrl, sub_url = @subUrl, onvif_url = @onvifUrl, credentials = @credentials WHERE id = @id');
    withSecureDelete(this.db, () => {
      for (const row of rows) {
        const [main, sub, onvif] = [row.main_url, row.sub_url, row.onvif_url].map((url) => (url === null ? undefined : splitUrlCredentials(url)));
        const found = [main, sub, onvif].filter((split) => split !== undefined);
        const sealed = row.credentials === null ? {} : this.openCredentials(row.id, row.credentials);
        const username = sealed.username ?? found.find((split) => split.username !== undefined)?.username;
        const password = sealed.password ?? found.find((split) => split.password !== undefined)?.password;
        update.run({
          id: row.id,
          mainUrl: main?.url ?? row.main_url,
          subUrl: sub?.url ?? null,
          onvifUrl: onvif?.url ?? null,
          credentials: username !== undefined || password !== undefined ? this.sealCredentials(row.id, { username, password }) : null,
        });
      }
    });
    log.info(`moved the credentials written in the URLs of ${rows.length} cameras into their sealed fields`);
  }

  /** Inserts or updates cameras in one transaction; credentials in URLs move to their fields, then every record is validated. */
  upsertMany(inputs: CameraRecordInput[]): CameraWriteCounts {
    return this.reconcile(
      inputs.map((input) => {
        const moved = moveUrlCredentials(input);
        if ('conflict' in moved) throw new JharokhaError('BadRequest', `camera ${input.id}: ${moved.conflict}`);
        return CameraRecord.parse(moved.camera);
      }),
    );
  }

  /**
   * Brings the given (already validated) records into the store in one transaction: new ids are
   * inserted, changed ones updated, identical ones left alone. With `dryRun` it only counts.
   * `inTransaction` runs inside the same transaction after the writes (an audit entry, say).
   */
  reconcile(records: readonly CameraRecord[], options: { dryRun?: boolean; inTransaction?: (counts: CameraWriteCounts) => void } = {}): CameraWriteCounts {
    const existing = this.statement(`SELECT ${ROW_COLUMNS} FROM cameras WHERE id = ?`);
    const write = this.statement(`
      INSERT INTO cameras (id, name, place, category, lat, lon, main_url, sub_url, username, password, onvif_url, credentials, transport, allow_basic_auth, search_text, updated_at)
      VALUES (@id, @name, @place, @category, @lat, @lon, @mainUrl, @subUrl, NULL, NULL, @onvifUrl, @credentials, @transport, @allowBasicAuth, @searchText, @now)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, place = excluded.place, category = excluded.category,
        lat = excluded.lat, lon = excluded.lon, main_url = excluded.main_url, sub_url = excluded.sub_url,
        username = NULL, password = NULL, onvif_url = excluded.onvif_url, credentials = excluded.credentials,
        transport = excluded.transport, allow_basic_auth = excluded.allow_basic_auth, search_text = excluded.search_text, updated_at = excluded.updated_at`);
    const now = Date.now();
    const counts: CameraWriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      for (const r of records) {
        const row = existing.get(r.id) as Row | undefined;
        if (row && this.sameAs(row, r)) {
          counts.unchanged++;
          continue;
        }
        counts[row ? 'updated' : 'inserted']++;
        if (options.dryRun) continue;
        write.run({
          ...r,
          subUrl: r.subUrl ?? null,
          onvifUrl: r.onvifUrl ?? null,
          credentials: r.username !== undefined || r.password !== undefined ? this.sealCredentials(r.id, r) : null,
          allowBasicAuth: r.allowBasicAuth ? 1 : 0,
          searchText: searchText(r),
          now,
        });
      }
      if (!options.dryRun) options.inTransaction?.(counts);
    })();
    return counts;
  }

  private sameAs(row: Row, r: CameraRecord): boolean {
    if (
      row.name !== r.name ||
      row.place !== r.place ||
      row.category !== r.category ||
      row.lat !== r.lat ||
      row.lon !== r.lon ||
      row.main_url !== r.mainUrl ||
      row.sub_url !== (r.subUrl ?? null) ||
      row.onvif_url !== (r.onvifUrl ?? null) ||
      row.transport !== r.transport ||
      row.allow_basic_auth !== (r.allowBasicAuth ? 1 : 0)
    ) {
      return false;
    }
    const stored = row.credentials === null ? {} : this.openCredentials(row.id, row.credentials);
    return stored.username === r.username && stored.password === r.password;
  }

  private sealCredentials(id: string, credentials: Credentials, secrets = this.secrets): string {
    if (!secrets) throw new JharokhaError('InvalidState', 'camera credentials cannot be stored without the secret box (open the store with CameraRepo.open)');
    const plain: Credentials = {};
    if (credentials.username !== undefined) plain.username = credentials.username;
    if (credentials.password !== undefined) plain.password = credentials.password;
    return secrets.seal(JSON.stringify(plain), sealContext(id));
  }

  private openCredentials(id: string, sealed: string): Credentials {
    if (!this.secrets) throw new JharokhaError('InvalidState', 'camera credentials cannot be read without the secret box');
    return JSON.parse(this.secrets.open(sealed, sealContext(id))) as Credentials;
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Every word must match name, place or category ("bank mall" finds the Mall Road bank), as a
   * substring, case-insensitively. One LIKE per word over the precomputed search_text; the count
   * reads only the search_text index; statements are cached per shape. At 5,000 cameras a search
   * takes about a millisecond (bench/city-scale.ts measures it). Past ~50,000 an FTS5 trigram
   * index would be the next step.
   */
  search(params: { text: string; category?: CameraSummary['category']; limit: number }): {
    cameras: CameraSummary[];
    total: number;
  } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    // Control characters never match (search_text uses one as the field separator).
    const text = params.text.replace(/\p{Cc}/gu, ' ').trim().toLowerCase();
    if (text) {
      text.split(/\s+/).slice(0, 8).forEach((word, i) => {
        where.push(`search_text LIKE @w${i} ESCAPE '\\'`);
        args[`w${i}`] = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      });
    }
    if (params.category) {
      where.push('category = @category');
      args.category = params.category;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // With words, scanning in name order (via the name index) visits every row through the index
    // when few match; "+name" makes SQLite scan once and sort the matches instead (2-3x faster).
    // Without words, the name (or category, name) index gives the first page directly.
    const order = text ? '+name' : 'name';
    const rows = this.statement(`SELECT ${SUMMARY_COLUMNS} FROM cameras ${clause} ORDER BY ${order} LIMIT @limit`).all({ ...args, limit: params.limit }) as SummaryRow[];
    const { total } = this.statement(`SELECT count(*) AS total FROM cameras ${clause}`).get(args) as { total: number };
    return { cameras: rows.map(toSummary), total };
  }

  get(id: string): CameraSummary | undefined {
    const row = this.statement(`SELECT ${SUMMARY_COLUMNS} FROM cameras WHERE id = ?`).get(id) as SummaryRow | undefined;
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
    const row = this.statement(`SELECT ${ROW_COLUMNS} FROM cameras WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new JharokhaError('NotFound', `no camera ${id}`);
    const url = stream === 'sub' ? row.sub_url : row.main_url;
    if (!url) throw new JharokhaError('NotFound', `camera ${id} has no ${stream} stream`);
    const { username, password } = row.credentials === null ? {} : this.openCredentials(row.id, row.credentials);
    return {
      url,
      transport: row.transport,
      ...(row.allow_basic_auth === 1 ? { allowBasicAuth: true } : {}),
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    };
  }

  /**
   * Every camera in full, credentials opened, by id: engine-internal, for the site snapshot a
   * workstation fetches with its own key, so it can pull cameras when the site is gone.
   */
  fullRecords(): CameraRecord[] {
    const rows = this.statement(`SELECT ${ROW_COLUMNS} FROM cameras ORDER BY id`).all() as Row[];
    return rows.map((row) => {
      const { username, password } = row.credentials === null ? {} : this.openCredentials(row.id, row.credentials);
      return CameraRecord.parse({
        ...described(row),
        mainUrl: row.main_url,
        ...(row.sub_url !== null ? { subUrl: row.sub_url } : {}),
        ...(username !== undefined ? { username } : {}),
        ...(password !== undefined ? { password } : {}),
        ...(row.onvif_url !== null ? { onvifUrl: row.onvif_url } : {}),
        transport: row.transport,
        allowBasicAuth: row.allow_basic_auth === 1,
      });
    });
  }

  /** Removes every camera not in `keep`; returns how many went. */
  deleteExcept(keep: ReadonlySet<string>): number {
    const ids = (this.statement('SELECT id FROM cameras').all() as { id: string }[]).map((r) => r.id).filter((id) => !keep.has(id));
    const remove = this.statement('DELETE FROM cameras WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => remove.run(id)))();
    return ids.length;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM cameras').get() as { n: number }).n;
  }
}
