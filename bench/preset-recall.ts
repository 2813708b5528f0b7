// Preset recall on a 4-display wall: from the bench sending wall.recallPreset to the moment every
// display's tile has presented a first frame of its new camera (the slowest display counts).
// Presets A and B show the same four cameras, moved one display on, so every recall changes every
// tile while the cameras stay pulled: each new tile opens with a fast start from its camera's
// cached GOP, which is what an operator sees when switching among cameras already on the wall. Target p95 ≤ PRESET_RECALL_TARGET_MS.
import { BENCH_PASSWORD, INSTALLER_USER, OBSERVER_USER } from './bench-users.js';
import type { EngineProcess } from './engine-process.js';
import { takeVideos } from './probe.js';
import { epochNow } from './send-log.js';
import { spread, type Spread } from './stats.js';
import { TestClient } from '../test/support/ws-client.js';
import { WALL_ID, type WallPages } from './wall-pages.js';

export interface PresetRecallResult {
  displays: number;
  /** Occupied tiles per display (one: four pages decode the main stream on a small machine). */
  tilesPerDisplay: number;
  gopS: number;
  /** wall.recallPreset sent → the last display's first frame of its new camera, ms. */
  recallMs: Spread;
  failures: number;
  trialsMs: number[];
}

const DISPLAYS = ['d1', 'd2', 'd3', 'd4'];
/** Issue 18: p95 of a recall on the 4-display wall. */
export const PRESET_RECALL_TARGET_MS = 500;
const TIMEOUT_MS = 15_000;

async function login(engine: EngineProcess, username: string): Promise<TestClient> {
  const client = await TestClient.connect(engine.wsUrl);
  const reply = await client.request('session.login', { username, password: BENCH_PASSWORD });
  if (!reply.ok) throw new Error(`login ${username}: ${reply.error?.message ?? 'failed'}`);
  return client;
}

async function ok(client: TestClient, method: string, params: unknown): Promise<unknown> {
  const reply = await client.request(method, params);
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message ?? 'failed'}`);
  return reply.result;
}

/** Resolves with the epoch time of the last display's first frame of its expected camera since `since`. */
async function allShown(walls: WallPages, expected: readonly string[], since: number): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  const shownAt = new Map<string, number>();
  while (Date.now() < deadline) {
    for (const [i, displayId] of DISPLAYS.entries()) {
      if (shownAt.has(displayId)) continue;
      const videos = await takeVideos(walls.pages.get(displayId)!);
      const video = videos.find((v) => v.tile === 0 && v.cameraId === expected[i] && v.addedAt >= since && v.first && v.first.pres >= since);
      if (video?.first) shownAt.set(displayId, video.first.pres);
    }
    if (shownAt.size === DISPLAYS.length) return Math.max(...shownAt.values());
    await new Promise((r) => setTimeout(r, 30));
  }
  const missing = DISPLAYS.filter((d) => !shownAt.has(d)).join(', ');
  throw new Error(`displays ${missing} showed no frame of their new camera within ${TIMEOUT_MS} ms`);
}

export async function measurePresetRecall(options: {
  engine: EngineProcess;
  walls: WallPages;
  /** Four cameras, all with the same key-frame interval. */
  cameraIds: string[];
  gopS: number;
  recalls: number;
  log: (line: string) => void;
}): Promise<PresetRecallResult> {
  const { engine, walls, cameraIds, gopS, recalls, log } = options;
  if (cameraIds.length < DISPLAYS.length) throw new Error(`preset recall needs ${DISPLAYS.length} cameras`);
  const installer = await login(engine, INSTALLER_USER);
  const operator = await login(engine, OBSERVER_USER);
  try {
    await ok(installer, 'setup.saveWall', {
      id: WALL_ID,
      name: 'Bench wall',
      columns: 2,
      rows: 2,
      displays: DISPLAYS,
      display: { widthMm: 1210, heightMm: 680, bezelMm: 5 },
    });
    const presets = {
      A: DISPLAYS.map((_, i) => cameraIds[i]!),
      B: DISPLAYS.map((_, i) => cameraIds[(i + 1) % DISPLAYS.length]!),
    };
    for (const [name, shown] of Object.entries(presets)) {
      for (const [i, displayId] of DISPLAYS.entries()) await walls.set(displayId, [shown[i]!]);
      await ok(operator, 'wall.savePreset', { wallId: WALL_ID, name });
    }
    await allShown(walls, presets.B, epochNow() - 60_000);

    const times: number[] = [];
    let failures = 0;
    for (let i = 0; i < recalls; i++) {
      // At a random point of the cameras' GOP, as an operator would press.
      await new Promise((r) => setTimeout(r, 300 + Math.random() * gopS * 1000));
      const name = i % 2 === 0 ? 'A' : 'B';
      const t0 = epochNow();
      await ok(operator, 'wall.recallPreset', { wallId: WALL_ID, name });
      try {
        times.push((await allShown(walls, presets[name], t0)) - t0);
      } catch (error) {
        failures++;
        log(`  preset ${name}: ${(error as Error).message}`);
      }
    }
    for (const displayId of DISPLAYS) await walls.set(displayId, []);
    return {
      displays: DISPLAYS.length,
      tilesPerDisplay: 1,
      gopS,
      recallMs: spread(times),
      failures,
      trialsMs: times.map((t) => Math.round(t)),
    };
  } finally {
    installer.close();
    operator.close();
  }
}
