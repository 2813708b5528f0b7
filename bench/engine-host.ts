// Child-process entry: a SiteEngine of its own (no demo site) with the bench's cameras in its
// store, so /proc shows the engine's own CPU apart from the simulator and the bench driver.
// Talks to the bench over the fork IPC channel: {type:'ready', ...} out, {type:'close'} in.
import { SiteEngine } from '../main/engine/node/site-engine.js';

interface HostConfig {
  dataDir: string;
  pullGraceMs: number;
  cameras: Parameters<SiteEngine['cameras']['upsertMany']>[0];
  /** Call boxes to register; their keys go back in the ready message (the bench plays the kiosks). */
  boxes?: Parameters<SiteEngine['boxes']['upsert']>[0][];
  /** People the bench logs in as. */
  users?: Parameters<SiteEngine['users']['upsert']>[0][];
}

const config = JSON.parse(process.env.BENCH_ENGINE_CONFIG ?? '{}') as HostConfig;
// Escalation is not what the bench measures: keep it out of the way of many ringing presses.
const engine = await SiteEngine.create({ dataDir: config.dataDir, port: 0, demo: false, pullGraceMs: config.pullGraceMs, escalateAfterMs: 3_600_000 });
engine.cameras.upsertMany(config.cameras);
const boxKeys: Record<string, string> = {};
for (const box of config.boxes ?? []) {
  engine.boxes.upsert(box);
  boxKeys[box.id] = engine.boxes.issueKey(box.id);
}
for (const user of config.users ?? []) await engine.users.upsert(user);

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
  workerPid: engine.sfu.workerPid,
  baseUrl: engine.baseUrl,
  wsUrl: engine.wsUrl(),
  token: engine.token,
  boxKeys,
});
