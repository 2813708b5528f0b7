// RTSP ingest in child processes: the surface the media plane uses.
export { IngestShards, type IngestShardsOptions, type IngestShardsEvents } from './ingest-shards.js';
export type { Feed, FeedEvents, FeedSpec, FeedEndpoint } from './feed.js';
export type { FastStart, FastStartEvents, FastStartEnd, FastStartSpec } from './fast-start.js';
export type { FastStartInfo } from './shard-protocol.js';
export type { ShardStats } from './shard-slot.js';
export type { Target as FeedTarget } from './shard-protocol.js';
