// Puts the built-in demo site into an engine's stores: the simulator serving its cameras, the
// cameras themselves, the incident wall's first layout and a one-display wall to hold it, the call
// boxes with their kiosk keys, a key for every display of every wall (walls defined later too)
// and one user per role. What an operator changed since (a layout, a
// password) is kept: only what is missing is written.
import type { WallDefinition, WallDisplayRef, WallLayout } from '../../../../common/domain/wall.js';
import type { CameraSimulator } from '../../../../sim/index.js';
import type { EngineStores } from '../store/engine-stores.js';
import type { DisplayKeyRepo } from '../store/display-key-repo.js';
import { demoBoxKey, demoDisplayKey, loadDemoSecret } from './demo-boxes.js';
import { startDemoSite } from './demo-site.js';
import { seedDemoUsers } from './demo-users.js';

export interface DemoSeedOptions {
  dataDir: string;
  mediaDir: string;
  simPort?: number;
  /** The display alerts take over; the demo gives it its cameras and its wall. */
  incidentWall: WallDisplayRef;
}

export interface SeededDemo {
  simulator: CameraSimulator;
  /** The data dir's demo secret: the kiosk keys and demo passwords derive from it. */
  secret: Buffer;
}

export interface DemoWalls {
  set(layout: WallLayout): void;
  on(event: 'defined', listener: (wall: WallDefinition) => void): unknown;
}

/** `layouts` is the engine's wall service, so the first layout is checked against the cameras like any other. */
export async function seedDemo(stores: EngineStores, layouts: DemoWalls, options: DemoSeedOptions): Promise<SeededDemo> {
  const { cameras, boxes, users, videoWalls } = stores;
  const demo = await startDemoSite({ mediaDir: options.mediaDir, simPort: options.simPort });
  try {
    cameras.upsertMany(demo.cameras);
    const incident = options.incidentWall;
    if (!stores.layouts.get(incident)) layouts.set({ ...incident, grid: 16, tiles: demo.wallTiles });
    // One 55-inch display, so the demo wall has presets and tours too.
    if (!videoWalls.getWall(incident.wallId)) {
      videoWalls.saveWall({ id: incident.wallId, name: 'Main wall', columns: 1, rows: 1, displays: [incident.displayId], display: { widthMm: 1210, heightMm: 680, bezelMm: 2 } });
    }
    const secret = loadDemoSecret(options.dataDir);
    for (const box of demo.boxes) {
      boxes.upsert(box);
      boxes.setKey(box.id, demoBoxKey(secret, box.id));
    }
    await seedDemoUsers(users, secret);
    const keyDisplays = (wall: WallDefinition): void => giveDemoDisplayKeys(stores.displayKeys, secret, wall);
    for (const wall of videoWalls.listWalls()) keyDisplays(wall);
    layouts.on('defined', keyDisplays);
    return { simulator: demo.simulator, secret };
  } catch (error) {
    await demo.simulator.close();
    throw error;
  }
}

/** A display never issued a key gets its demo key; one an installer issued or revoked keeps that. */
function giveDemoDisplayKeys(keys: DisplayKeyRepo, secret: Buffer, wall: WallDefinition): void {
  for (const displayId of wall.displays) {
    const ref = { wallId: wall.id, displayId };
    const stored = keys.get(ref);
    if (!stored.hasKey && stored.revokedAt === undefined) keys.setKey(ref, demoDisplayKey(secret, wall.id, displayId));
  }
}
