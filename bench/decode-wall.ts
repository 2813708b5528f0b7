// Decode per display: a wall of full-HD wall pages with dense grids, and for each display the
// megapixels per second its tiles actually decoded over a window, beside the display's decode
// budget and how many tiles the budget sent to the sub stream. One display asks every tile for the
// main stream under a small budget (`?subBelow=1x1&decodeBudget=…`, stream-config.ts), so the
// budget has to hold: decoded MP/s within it, the dropped tiles saying so on the tile.
//
// Read only through what the tiles expose (Tile.tsx): data-frames-decoded (rising across stream
// switches), data-frame-width/-height and data-stream/-note, all from the tile's getStats() poll
// (once a second), and the grid's data-decode-* attributes (its plan and budget).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GridSize } from '../common/domain/wall.js';
import { readTiles, type TileReading } from '../test/support/tiles.js';
import { TestClient } from '../test/support/ws-client.js';
import type { EngineProcess } from './engine-process.js';
import { epochNow, type SendLog } from './send-log.js';
import { round, slope } from './stats.js';
import { BENCH_PASSWORD, OBSERVER_USER } from './bench-users.js';

export const DECODE_WALL_ID = 'bench-decode';
/** Each wall page is a full-HD display (CSS px = device px): tile sizes pick streams as on a real wall. */
export const DECODE_VIEWPORT = { width: 1920, height: 1080 };
/** The small budget of the display that must hold it (9 tiles on main would decode ~207 MP/s here). */
export const SMALL_BUDGET_MPS = 100;
/** How often the tiles are read inside the window (their own stats poll runs once a second). */
const SAMPLE_MS = 200;

export interface DecodeDisplaySpec {
  displayId: string;
  grid: GridSize;
  label: string;
  /** `?subBelow=` for this page: 1x1 makes every tile ask for the main stream. */
  subBelow?: string;
  /** `?decodeBudget=` for this page (MP/s); the renderer's default otherwise. */
  budgetMps?: number;
}

export const DECODE_DISPLAYS: DecodeDisplaySpec[] = [
  { displayId: 'd1', grid: 4, label: '2x2, default settings' },
  { displayId: 'd2', grid: 9, label: '3x3, default settings' },
  { displayId: 'd3', grid: 16, label: '4x4, default settings' },
  { displayId: 'd4', grid: 9, label: `3x3 all asking main, budget ${SMALL_BUDGET_MPS}`, subBelow: '1x1', budgetMps: SMALL_BUDGET_MPS },
];

export interface DecodeTileResult {
  index: number;
  cameraId: string;
  stream: string;
  note: string;
  width: number;
  height: number;
  /** Frames decoded per second over the window. */
  fps: number;
  /** Frames per second the simulator sent of the stream shown (null without a send log). */
  sentFps: number | null;
  mps: number;
}

export interface DecodeDisplayResult {
  displayId: string;
  label: string;
  grid: GridSize;
  tiles: number;
  live: number;
  main: number;
  sub: number;
  /** Tiles on sub because of the budget (data-stream-note says so). */
  subByBudget: number;
  /** Megapixels decoded per second over the window (sum over tiles of width × height × frames). */
  decodedMps: number;
  /** Mean decoded frames per second per tile (the cameras send 25). */
  fpsPerTile: number;
  /** Mean frames per second the simulator sent of the tiles' streams over the same window. */
  sentFpsPerTile: number | null;
  budgetMps: number;
  /** The grid's own estimate of what its chosen streams decode, and of what sizes alone would ask. */
  planLoadMps: number;
  planDemandMps: number;
  planOverBudget: boolean;
  /** Every tile on main at what one main tile decoded here (mean over the wall's main tiles): what the budget keeps off. */
  allMainMps: number | null;
  /** Decoded within the budget and the plan not over it. */
  pass: boolean;
  perTile: DecodeTileResult[];
}

export interface DecodeWallResult {
  viewport: { width: number; height: number };
  cameras: number;
  windowMs: number;
  /** From the first layout sent to every tile live and the streams unchanged for settleMs. */
  settledAfterMs: number;
  settled: boolean;
  displays: DecodeDisplayResult[];
  pass: boolean;
}

/** A tile's reading with its frame's size, the height filled in where the renderer does not say it. */
interface TileRead extends Omit<TileReading, 'frameWidth' | 'frameHeight' | 'videoWidth' | 'videoHeight'> {
  width: number;
  height: number;
}

interface GridRead {
  budgetMps: number;
  loadMps: number;
  demandMps: number;
  overBudget: boolean;
}

async function readTileSizes(page: Page): Promise<TileRead[]> {
  return (await readTiles(page)).map(({ frameWidth, frameHeight, videoWidth, videoHeight, ...t }) => ({
    ...t,
    width: frameWidth,
    // A renderer without data-frame-height: the shown video's height where it is the same picture.
    height: frameHeight > 0 ? frameHeight : videoWidth === frameWidth && videoHeight > 0 ? videoHeight : Math.round((frameWidth * 9) / 16),
  }));
}

async function readGrid(page: Page): Promise<GridRead> {
  return page.$eval('[data-testid="grid"]', (g) => ({
    budgetMps: Number(g.getAttribute('data-decode-budget-mps') ?? Number.NaN),
    loadMps: Number(g.getAttribute('data-decode-load-mps') ?? Number.NaN),
    demandMps: Number(g.getAttribute('data-decode-demand-mps') ?? Number.NaN),
    overBudget: g.getAttribute('data-decode-over-budget') === 'true',
  }));
}

const occupied = (tiles: TileRead[]): TileRead[] => tiles.filter((t) => t.cameraId !== '');
const ready = (t: TileRead): boolean => t.state === 'live' && t.framesDecoded > 0 && t.width > 0 && t.pending === '' && t.stream !== '';
const signature = (tiles: TileRead[]): string => occupied(tiles).map((t) => `${t.index}:${t.stream}:${t.note}:${t.width}`).join(',');

export async function measureDecodeWall(options: {
  engine: EngineProcess;
  browser: Browser;
  /** At least 16 cameras with main and sub streams. */
  cameraIds: string[];
  displays?: DecodeDisplaySpec[];
  /** Streams unchanged this long before the window opens. */
  settleMs: number;
  windowMs: number;
  /** The simulator's send log: what was offered beside what was decoded. */
  sendLog?: SendLog;
  log: (line: string) => void;
}): Promise<DecodeWallResult> {
  const { engine, browser, cameraIds, settleMs, windowMs, sendLog, log } = options;
  const displays = options.displays ?? DECODE_DISPLAYS;
  const most = Math.max(...displays.map((d) => d.grid));
  if (cameraIds.length < most) throw new Error(`decode per display needs ${most} cameras`);

  const control = await TestClient.connect(engine.wsUrl);
  // Wall changes need a logged-in call taker.
  await control.ok('session.login', { username: OBSERVER_USER, password: BENCH_PASSWORD });
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport: DECODE_VIEWPORT, deviceScaleFactor: 1 });
    await context.grantPermissions(['camera', 'microphone']);
    const pages = new Map<string, Page>();
    const started = Date.now();
    for (const d of displays) {
      const reply = await control.request('wall.set', { wallId: DECODE_WALL_ID, displayId: d.displayId, grid: d.grid, tiles: cameraIds.slice(0, d.grid) });
      if (!reply.ok) throw new Error(`wall.set ${d.displayId}: ${reply.error?.message ?? 'failed'}`);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[decode ${d.displayId}] page error:`, error.message));
      const query = `${d.subBelow ? `&subBelow=${d.subBelow}` : ''}${d.budgetMps ? `&decodeBudget=${d.budgetMps}` : ''}`;
      await page.goto(`${engine.wallUrl(DECODE_WALL_ID, d.displayId)}${query}`);
      await page.waitForSelector('[data-testid="grid"]');
      pages.set(d.displayId, page);
    }

    // Every tile live on the stream its display settled on, and no change for settleMs: the budget's
    // plan moves once the tiles' stats have measured their streams (two samples that agree).
    const deadline = Date.now() + 60_000;
    let last = '';
    let stableSince = Date.now();
    let settled = false;
    while (Date.now() < deadline) {
      const all = await Promise.all(displays.map(async (d) => readTileSizes(pages.get(d.displayId)!)));
      const sig = all.map(signature).join('|');
      const allReady = all.every((tiles, i) => occupied(tiles).length === displays[i]!.grid && occupied(tiles).every(ready));
      if (sig !== last || !allReady) {
        last = sig;
        stableSince = Date.now();
      } else if (Date.now() - stableSince >= settleMs) {
        settled = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const settledAfterMs = Date.now() - started;
    if (!settled) log(`  decode wall: streams not settled after ${Math.round(settledAfterMs / 1000)} s; measuring anyway`);

    // Integrate frames × size per tile. A tile's count moves once per stats poll (1 s), and a loaded
    // page's poll can run late: timing the window by our own clock would count a late poll's frames
    // into the wrong second. So each tile is read often (SAMPLE_MS) and timed by the moments its count
    // moved (a new poll landed), from the first move in the window on; a tile that changed stream
    // inside the window is counted at each stretch's own size.
    interface Span {
      last: TileRead;
      /** When the count first moved in the window (null: not yet): frames count from there. */
      from: number | null;
      mp: number;
      frames: number;
      /** (time, count) at each move: the rate is their least-squares slope, less sensitive to one late poll. */
      points: { x: number; y: number }[];
    }
    const spans = new Map<string, Span>();
    const sampleAll = async (): Promise<void> => {
      await Promise.all(
        displays.map(async (d) => {
          const tiles = occupied(await readTileSizes(pages.get(d.displayId)!));
          const at = Date.now();
          for (const t of tiles) {
            const key = `${d.displayId}/${t.index}`;
            const span = spans.get(key);
            if (!span || span.last.cameraId !== t.cameraId) {
              spans.set(key, { last: t, from: null, mp: 0, frames: 0, points: [] });
              continue;
            }
            if (t.framesDecoded === span.last.framesDecoded) continue;
            if (span.from === null) {
              span.from = at;
            } else {
              const frames = Math.max(0, t.framesDecoded - span.last.framesDecoded);
              span.mp += (frames * t.width * t.height) / 1e6;
              span.frames += frames;
            }
            span.last = t;
            span.points.push({ x: at / 1000, y: t.framesDecoded });
          }
        }),
      );
    };
    await sampleAll();
    const windowStart = Date.now();
    const sentFrom = epochNow();
    while (Date.now() - windowStart < windowMs) {
      await new Promise((r) => setTimeout(r, Math.min(SAMPLE_MS, Math.max(0, windowMs - (Date.now() - windowStart)))));
      await sampleAll();
    }
    const seconds = (Date.now() - windowStart) / 1000;
    const sentTo = epochNow();
    // Frames per second: the slope through every move (two moves: first to last); megapixels per
    // frame: what the span decoded over the frames it decoded.
    const fpsOf = (span: Span | undefined): number => {
      if (!span || span.points.length < 2) return 0;
      const fit = slope(span.points);
      return Number.isFinite(fit) && fit > 0 ? fit : 0;
    };
    const mpsOf = (span: Span | undefined): number => (span && span.frames > 0 ? fpsOf(span) * (span.mp / span.frames) : 0);

    const results: DecodeDisplayResult[] = [];
    for (const d of displays) {
      const page = pages.get(d.displayId)!;
      const grid = await readGrid(page);
      const tiles = occupied(await readTileSizes(page));
      const perTile = tiles.map((t): DecodeTileResult => {
        const span = spans.get(`${d.displayId}/${t.index}`);
        return {
          index: t.index,
          cameraId: t.cameraId,
          stream: t.stream,
          note: t.note,
          width: t.width,
          height: t.height,
          fps: round(fpsOf(span), 1),
          sentFps: sendLog ? round(sendLog.countSent(t.cameraId, t.stream, sentFrom, sentTo) / ((sentTo - sentFrom) / 1000), 1) : null,
          mps: round(mpsOf(span), 2),
        };
      });
      const decodedMps = perTile.reduce((s, t) => s + t.mps, 0);
      results.push({
        displayId: d.displayId,
        label: d.label,
        grid: d.grid,
        tiles: tiles.length,
        live: tiles.filter((t) => t.state === 'live').length,
        main: tiles.filter((t) => t.stream === 'main').length,
        sub: tiles.filter((t) => t.stream === 'sub').length,
        subByBudget: tiles.filter((t) => t.stream === 'sub' && t.note !== '').length,
        decodedMps: round(decodedMps, 1),
        fpsPerTile: round(perTile.reduce((s, t) => s + t.fps, 0) / Math.max(1, perTile.length), 1),
        sentFpsPerTile: sendLog ? round(perTile.reduce((s, t) => s + (t.sentFps ?? 0), 0) / Math.max(1, perTile.length), 1) : null,
        budgetMps: grid.budgetMps,
        planLoadMps: grid.loadMps,
        planDemandMps: grid.demandMps,
        planOverBudget: grid.overBudget,
        allMainMps: null,
        pass: decodedMps <= grid.budgetMps && !grid.overBudget,
        perTile,
      });
    }
    const mainTiles = results.flatMap((r) => r.perTile.filter((t) => t.stream === 'main'));
    const mainTileMps = mainTiles.length > 0 ? mainTiles.reduce((s, t) => s + t.mps, 0) / mainTiles.length : null;
    for (const r of results) r.allMainMps = mainTileMps === null ? null : round(mainTileMps * r.tiles, 1);
    for (const d of displays) {
      await control.request('wall.set', { wallId: DECODE_WALL_ID, displayId: d.displayId, grid: d.grid, tiles: Array.from({ length: d.grid }, () => null) });
    }
    return {
      viewport: DECODE_VIEWPORT,
      cameras: new Set(displays.flatMap((d) => cameraIds.slice(0, d.grid))).size,
      windowMs: Math.round(seconds * 1000),
      settledAfterMs,
      settled,
      displays: results,
      pass: results.every((r) => r.pass),
    };
  } finally {
    control.close();
    await context?.close().catch(() => undefined);
  }
}

const f = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : '—');

/** One line per display, as printed after the step and in the summary table. */
export function decodeDisplayLine(r: DecodeDisplayResult): string {
  const dropped = r.subByBudget > 0 ? ` (${r.subByBudget} by budget)` : '';
  return (
    `${r.displayId} ${r.label.padEnd(34)} tiles ${String(r.tiles).padStart(2)} ${`(${r.live} live)`.padEnd(10)} main ${String(r.main).padStart(2)}  ` +
    `sub ${String(r.sub).padStart(2)}${dropped.padEnd(15)} decoded ${f(r.decodedMps, 1).padStart(6)} MP/s ` +
    `(${f(r.fpsPerTile, 1)}${r.sentFpsPerTile === null ? '' : ` of ${f(r.sentFpsPerTile, 1)} sent`} fps/tile; plan ${f(r.planLoadMps, 1)}, ` +
    `all on main ≈ ${r.allMainMps === null ? '—' : f(r.allMainMps, 0)})  budget ${f(r.budgetMps, 0)}  ${r.pass ? 'PASS' : 'OVER'}`
  );
}

export function renderDecodeWall(r: DecodeWallResult): string[] {
  const out = [
    `9. decode per display: ${r.displays.length} wall pages at ${r.viewport.width}x${r.viewport.height}, ${r.cameras} cameras ` +
      `(main 1280x720, sub 640x360, 25 fps), decoded over ${f(r.windowMs / 1000, 1)} s` +
      `${r.settled ? '' : ' (streams had not settled)'} — every display within its budget: ${r.pass ? 'PASS' : 'FAIL'}`,
  ];
  for (const d of r.displays) out.push(`   ${decodeDisplayLine(d)}`);
  const total = r.displays.reduce((sum, d) => sum + d.decodedMps, 0);
  out.push(`   whole wall: ${f(total, 1)} MP/s decoded by ${r.displays.reduce((sum, d) => sum + d.tiles, 0)} tiles in one Chromium on this machine`);
  return out;
}
