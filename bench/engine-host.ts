// Child-process entry: a SiteEngine of its own (no demo site) with the bench's cameras in its
// store, so /proc shows the engine's own CPU apart from the simulator and the bench driver.
// Talks to the bench over the fork IPC channel: {type:'ready', ...} out, {type:'close'} in.
import { SiteEngine, type SiteEngineOptions } from '../main/engine/node/site-engine.js';
import type { CallBoxRecord } from '../main/engine/node/store/box-repo.js';
import type { CameraRecordInput } from '../main/engine/node/store/camera-repo.js';
import { EngineStores } from '../main/engine/node/store/engine-stores.js';
import type { UserInput } from '../main/engine/node/store/user-repo.js';

interface HostConfig {
  dataDir: string;
  pullGraceMs: number;
  cameras: CameraRecordInput[];
  /** Call boxes to register; their keys go back in the ready message (the bench plays the kiosks). */
  boxes?: CallBoxRecord[];
  /** People the bench logs in as. */
  users?: UserInput[];
  /**
   * The media plane's size, handed to the engine as it is (bench/engine-process.ts); without one, a
   * worker and a shard, so the steps that are not about the pool count the same processes each run.
   */
  pool?: Pick<SiteEngineOptions, 'mediaWorkers' | 'ingestShards'>;
}

const config = JSON.parse(process.env.BENCH_ENGINE_CONFIG ?? '{}') as HostConfig;
// Written into the store before the engine opens it, as the import and user commands would; a run
// with nothing to write opens nothing more than the engine itself.
const boxKeys: Record<string, string> = {};
if (config.cameras.length > 0 || config.boxes?.length || config.users?.length) {
  const stores = await EngineStores.open(config.dataDir);
  try {
    stores.cameras.upsertMany(config.cameras);
    for (const box of config.boxes ?? []) {
      stores.boxes.upsert(box);
      boxKeys[box.id] = stores.boxes.issueKey(box.id);
    }
    for (const user of config.users ?? []) await stores.users.upsert(user);
  } finally {
    stores.close();
  }
}
// Escalation is not what the bench measures: keep it out of the way of many ringing presses.
const engine = await SiteEngine.create({
  dataDir: config.dataDir,
  port: 0,
  demo: false,
  pullGraceMs: config.pullGraceMs,
  escalateAfterMs: 3_600_000,
  ...(config.pool ?? { mediaWorkers: 1, ingestShards: 1 }),
});

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await engine.close().catch(() => undefined);
  process.exit(0);
}

process.on('message', (message: { type?: string }) => {
  if (message?.type === 'close') void shutdown();
});
process.on('disconnect', () => void shutdown());
process.send?.({
  type: 'ready',
  pid: process.pid,
  workerPid: engine.mediaWorkerPids[0],
  shardPid: engine.ingestShardPids[0],
  baseUrl: engine.baseUrl,
  wsUrl: engine.wsUrl(),
  token: engine.token,
  localDisplaySecret: engine.localDisplaySecret,
  boxKeys,
});
