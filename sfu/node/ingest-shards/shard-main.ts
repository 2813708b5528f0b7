// An ingest shard's process (forked by IngestShards): hosts the CameraIngests for its share of
// the cameras and sends their RTP straight to the PlainTransports. The engine speaks to it over
// IPC, control only. It lives as long as the engine's IPC channel: an engine that dies takes its
// shards with it, so no orphan keeps pulling cameras.
import { createLogger } from '../../../common/logger.js';
import { CacheBudget } from './cache-budget.js';
import { ShardFeed } from './shard-feed.js';
import { FromShard, REPORT_EVERY_MS, ShardArgs, ToShard } from './shard-protocol.js';

const log = createLogger('ingest-shard');

// The engine writes the argument; a shard that cannot read it is a bug to see at once, so it throws.
const args = ShardArgs.parse(JSON.parse(process.argv[2] ?? '{}'));
/** Every feed's GOP cache together stays under this. */
const budget = new CacheBudget(args.cacheBudgetBytes);

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
      const created = ShardFeed.create(message, report, budget).catch((error: unknown) => {
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
    case 'fast-start': {
      const { id, fastStart, ssrc, target } = message;
      // A feed this shard does not have (or that failed to open) has no GOP to give.
      const noGop = (): void => report({ type: 'fast-ended', id, fastStart, reason: 'no-gop' });
      const created = feeds.get(id);
      if (!created) return noGop();
      void created.then((feed) => (feed ? feed.fastStart(fastStart, ssrc, target) : noGop()));
      return;
    }
    case 'fast-stop':
      return withFeed(message.id, (feed) => feed.stopFastStart(message.fastStart));
    case 'shutdown':
      return shutdown();
  }
}

async function positions(): Promise<FromShard> {
  const open = (await Promise.all(feeds.values())).flatMap((feed) => feed ?? []);
  const cpu = process.cpuUsage();
  const fastStarts = open.reduce((sum, feed) => sum + feed.fastStartCount, 0);
  return { type: 'report', cpu, cacheBytes: budget.bytes, fastStarts, feeds: open.flatMap((feed) => feed.position() ?? []) };
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
