// An ingest shard's process (forked by IngestShards): hosts the CameraIngests for its share of
// the cameras and sends their RTP straight to the PlainTransports. The engine speaks to it over
// IPC, control only. It lives as long as the engine's IPC channel: an engine that dies takes its
// shards with it, so no orphan keeps pulling cameras.
import { createLogger } from '../../../common/logger.js';
import { ShardFeed } from './shard-feed.js';
import { FromShard, REPORT_EVERY_MS, ToShard } from './shard-protocol.js';

const log = createLogger('ingest-shard');

/** Each feed as the promise of its creation, so messages about it run in the order they came. */
const feeds = new Map<number, Promise<ShardFeed | undefined>>();
let shuttingDown = false;

function report(message: FromShard): void {
  // The channel is gone only when the engine is: the 'disconnect' handler ends this process.
  if (process.connected) process.send!(message);
}

function withFeed(id: number, act: (feed: ShardFeed) => void): void {
  void feeds.get(id)?.then((feed) => feed && act(feed));
}

function onMessage(raw: unknown): void {
  const parsed = ToShard.safeParse(raw);
  if (!parsed.success) {
    log.error(`bad message from the engine ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'open': {
      if (feeds.has(message.id)) return;
      const created = ShardFeed.create(message, report).catch((error: unknown) => {
        log.error(`${message.key}: feed failed to open`, error);
        return undefined;
      });
      feeds.set(message.id, created);
      return;
    }
    case 'close':
      withFeed(message.id, (feed) => feed.close());
      feeds.delete(message.id);
      return;
    case 'hold':
      return withFeed(message.id, (feed) => feed.hold());
    case 'forward':
      return withFeed(message.id, (feed) => feed.forward());
    case 'retarget':
      return withFeed(message.id, (feed) => feed.retarget(message.target));
    case 'shutdown':
      return shutdown();
  }
}

async function positions(): Promise<FromShard> {
  const open = await Promise.all(feeds.values());
  const cpu = process.cpuUsage();
  return { type: 'report', cpu, feeds: open.flatMap((feed) => feed?.position() ?? []) };
}

/** Every ingest TEARDOWNs (written without waiting); the process ends once that is on the wire. */
function shutdown(): void {
  if (shuttingDown) return;
  shuttingDown = true;
  clearInterval(reporter);
  const all = [...feeds.values()];
  feeds.clear();
  void Promise.all(all).then((open) => {
    for (const feed of open) feed?.close();
    setTimeout(() => process.exit(0), 200).unref();
  });
}

const reporter = setInterval(() => {
  void positions().then(report);
}, REPORT_EVERY_MS);
process.on('message', onMessage);
process.on('disconnect', shutdown);
report({ type: 'ready' });
