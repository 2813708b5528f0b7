// Jharokha's own wall pages as the bench's viewers: one Chromium page per wall display, layouts set
// over the engine's WebSocket (wall.set) exactly as a console would.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestClient } from '../test/support/ws-client.js';
import { readTiles, type TileReading } from '../test/support/tiles.js';
import { BENCH_PASSWORD, OBSERVER_USER } from './bench-users.js';
import type { EngineProcess } from './engine-process.js';
import { installProbe } from './probe.js';
import type { SendLog } from './send-log.js';

export const WALL_ID = 'bench';
/** Tiles per page: a 2×2 grid asks for the main stream. */
export const TILES_PER_PAGE = 4;

export type Layout = (string | null)[];

export class WallPages {
  private constructor(
    private readonly engine: EngineProcess,
    private readonly control: TestClient,
    private readonly context: BrowserContext,
    readonly pages: Map<string, Page>,
    readonly sendLog: SendLog,
  ) {}

  static async open(engine: EngineProcess, browser: Browser, sendLog: SendLog): Promise<WallPages> {
    const control = await TestClient.connect(engine.wsUrl);
    // Wall changes are a logged-in person's: the bench's supervisor sets the layouts.
    await control.ok('session.login', { username: OBSERVER_USER, password: BENCH_PASSWORD });
    const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
    await context.grantPermissions(['camera', 'microphone']);
    await installProbe(context);
    return new WallPages(engine, control, context, new Map(), sendLog);
  }

  /**
   * Sets a display's layout (2×2 unless `grid` says more), opening its page the first time. Returns
   * when the engine accepted it. A 2×2 page's tiles take the main stream; a page first opened with a
   * larger grid leaves each tile the stream its size asks for (the sub stream, on 960×540).
   */
  async set(displayId: string, tiles: Layout, grid = TILES_PER_PAGE): Promise<void> {
    const padded = Array.from({ length: grid }, (_, i) => tiles[i] ?? null);
    const reply = await this.control.request('wall.set', { wallId: WALL_ID, displayId, grid, tiles: padded });
    if (!reply.ok) throw new Error(`wall.set ${displayId}: ${reply.error?.message ?? 'failed'}`);
    if (!this.pages.has(displayId)) {
      const page = await this.context.newPage();
      page.on('pageerror', (error) => console.error(`[${displayId}] page error:`, error.message));
      // A 2×2 tile takes the main stream whatever its size: the send log and the figures are the main's.
      await page.goto(`${this.engine.wallUrl(WALL_ID, displayId)}${grid === TILES_PER_PAGE ? '&subBelow=1x1' : ''}`);
      await page.waitForSelector('[data-testid="wall"]');
      // Let the page finish its receive transport before anything is timed on it.
      await new Promise((r) => setTimeout(r, 1000));
      this.pages.set(displayId, page);
    }
  }

  /** Spreads `tiles` over displays d1, d2, … four at a time; displays past the end are emptied. */
  async spread(tiles: string[]): Promise<void> {
    const displays = Math.max(Math.ceil(tiles.length / TILES_PER_PAGE), this.displaysOpen());
    for (let d = 0; d < displays; d++) {
      await this.set(`d${d + 1}`, tiles.slice(d * TILES_PER_PAGE, (d + 1) * TILES_PER_PAGE));
    }
  }

  private displaysOpen(): number {
    return [...this.pages.keys()].filter((k) => /^d\d+$/.test(k)).length;
  }

  async tiles(): Promise<TileReading[]> {
    const all = await Promise.all([...this.pages.values()].map((p) => readTiles(p).catch(() => [])));
    return all.flat();
  }

  /** Waits until `count` tiles are live and decoding; throws with what they show otherwise. */
  async waitLive(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen: TileReading[] = [];
    while (Date.now() < deadline) {
      seen = (await this.tiles()).filter((t) => t.cameraId !== '');
      if (seen.length === count && seen.every((t) => t.state === 'live' && t.framesDecoded > 0)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    const states = seen.map((t) => `${t.cameraId}:${t.state}:${t.framesDecoded}`).join(', ');
    throw new Error(`${count} live tiles not reached in ${timeoutMs} ms (${seen.length} occupied: ${states})`);
  }

  async close(): Promise<void> {
    this.control.close();
    await this.context.close().catch(() => undefined);
  }
}
