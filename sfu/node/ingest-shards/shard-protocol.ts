// The IPC between the engine and its ingest shards: control only, never media. Both sides parse
// every message with these schemas; a message that fails is logged and dropped, never thrown.
// Feeds are named by a number the engine gives them, so a late message about a closed feed can
// never be taken for a new feed of the same camera stream.
import { z } from 'zod';
import { StreamState } from '../../../common/domain/camera.js';
import { DEFAULT_CACHE_BUDGET_BYTES } from './cache-budget.js';

/** What a shard is started with: one JSON argument on its command line. */
export const ShardArgs = z.object({ cacheBudgetBytes: z.number().int().positive().default(DEFAULT_CACHE_BUDGET_BYTES) });
export type ShardArgs = z.infer<typeof ShardArgs>;

export const Target = z.object({ ip: z.string().min(1), port: z.number().int().min(1).max(65535) });
export type Target = z.infer<typeof Target>;

/** Where the ingest's output stood, so a re-opened feed continues its numbering (same producer). */
export const Position = z.object({ seq: z.number().int().min(0).max(0xffff), ts: z.number().int().min(0).max(0xffffffff), atMs: z.number() });
export type Position = z.infer<typeof Position>;

export const OpenFeed = z.object({
  type: z.literal('open'),
  id: z.number().int(),
  /** For the shard's log lines; the URL there is written without credentials. */
  key: z.string(),
  url: z.string(),
  username: z.string().optional(),
  password: z.string().optional(),
  allowBasicAuth: z.boolean().optional(),
  transport: z.enum(['tcp', 'udp']),
  ssrc: z.number().int().min(0).max(0xffffffff),
  payloadType: z.number().int().min(0).max(127),
  target: Target.optional(),
  forwarding: z.boolean(),
  /** The local port the feed sent from before its shard died: a comedia transport knows only it. */
  sourcePort: z.number().int().min(1).max(65535).optional(),
  continueFrom: Position.optional(),
});
export type OpenFeed = z.infer<typeof OpenFeed>;

/** A fast start, named by its feed and a number the engine gives it within that feed. */
const FastStartRef = { id: z.number().int(), fastStart: z.number().int() };

export const ToShard = z.discriminatedUnion('type', [
  OpenFeed,
  z.object({ type: z.literal('close'), id: z.number().int() }),
  z.object({ type: z.literal('hold'), id: z.number().int() }),
  z.object({ type: z.literal('forward'), id: z.number().int() }),
  z.object({ type: z.literal('retarget'), id: z.number().int(), target: Target }),
  z.object({ type: z.literal('fast-start'), ...FastStartRef, ssrc: z.number().int().min(0).max(0xffffffff), target: Target }),
  z.object({ type: z.literal('fast-stop'), ...FastStartRef }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToShard = z.infer<typeof ToShard>;

export const FeedReport = Position.extend({ id: z.number().int(), packetsOut: z.number().int(), cacheBytes: z.number().int().min(0) });
export type FeedReport = z.infer<typeof FeedReport>;

/** What a fast start sent of the cached GOP, once all of it is out; gopAgeMs: how old its keyframe was. */
export const FastStartInfo = z.object({ frames: z.number().int().min(0), packets: z.number().int().min(0), gopAgeMs: z.number().min(0) });
export type FastStartInfo = z.infer<typeof FastStartInfo>;

/** Why a shard ended a fast start (the engine adds `closed` and `lost`, which it sees first). */
export const FastStartEndReason = z.enum(['keyframe', 'no-gop', 'busy', 'timeout']);
export type FastStartEndReason = z.infer<typeof FastStartEndReason>;

export const FromShard = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('state'), id: z.number().int(), state: StreamState, detail: z.string().optional() }),
  z.object({ type: z.literal('track'), id: z.number().int(), profileLevelId: z.string().optional() }),
  z.object({ type: z.literal('bound'), id: z.number().int(), port: z.number().int() }),
  z.object({ type: z.literal('fast-started'), ...FastStartRef, info: FastStartInfo }),
  z.object({ type: z.literal('fast-ended'), ...FastStartRef, reason: FastStartEndReason }),
  /**
   * Every REPORT_EVERY_MS: the shard's own CPU (process.cpuUsage, µs), the bytes of all its GOP
   * caches, its fast starts running, and each feed's position.
   */
  z.object({
    type: z.literal('report'),
    cpu: z.object({ user: z.number(), system: z.number() }),
    cacheBytes: z.number().int().min(0),
    fastStarts: z.number().int().min(0),
    feeds: z.array(FeedReport),
  }),
]);
export type FromShard = z.infer<typeof FromShard>;

export const REPORT_EVERY_MS = 500;
