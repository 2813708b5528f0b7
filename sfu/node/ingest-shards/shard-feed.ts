// One camera stream inside an ingest shard: its CameraIngest, its GOP cache, its fast starts,
// and its own UDP socket, connected to the PlainTransport's tuple so each send skips the address lookup.
// The socket's local port is kept across retargets and asked for again when a restarted shard
// re-opens the feed: a comedia PlainTransport accepts RTP only from the port it learnt first.
import dgram from 'node:dgram';
import { createLogger } from '../../../common/logger.js';
import { CameraIngest } from '../ingest/index.js';
import { withoutCredentials } from '../rtsp/url.js';
import type { CacheBudget } from './cache-budget.js';
import { FastStream, MAX_FAST_STARTS_PER_FEED } from './fast-stream.js';
import { GopCache } from './gop-cache.js';
import type { FastStartEndReason, FeedReport, FromShard, OpenFeed, Target } from './shard-protocol.js';

const log = createLogger('ingest-shard');

const sameTarget = (a: Target | undefined, b: Target | undefined): boolean => a?.ip === b?.ip && a?.port === b?.port;

export class ShardFeed {
  private closed = false;
  private forwarding: boolean;
  private target: Target | undefined;
  private connectedTo: Target | undefined;
  private connecting = false;
  private trackSent = false;
  private sendErrors = 0;
  private packetsOut = 0;
  private last: { seq: number; ts: number; atMs: number } | undefined;
  /** The last packet the connected target got: forwarding again sends the cached GOP after it. */
  private lastSent: Buffer | undefined;
  private readonly gop: GopCache;
  private readonly fastStarts = new Map<number, FastStream>();

  static async create(open: OpenFeed, report: (message: FromShard) => void, budget: CacheBudget): Promise<ShardFeed> {
    const socket = await openSocket(open.sourcePort);
    // The schema has checked the SSRC and payload type, the only things create() refuses.
    const ingest = CameraIngest.create({
      url: open.url,
      username: open.username,
      password: open.password,
      allowBasicAuth: open.allowBasicAuth,
      transport: open.transport,
      ssrc: open.ssrc,
      payloadType: open.payloadType,
      continueFrom: open.continueFrom,
    });
    const feed = new ShardFeed(open, socket, ingest, report, budget);
    report({ type: 'bound', id: open.id, port: socket.address().port });
    feed.wire();
    if (open.target) feed.retarget(open.target);
    ingest.start();
    return feed;
  }

  private constructor(
    private readonly open: OpenFeed,
    private readonly socket: dgram.Socket,
    private readonly ingest: CameraIngest,
    private readonly report: (message: FromShard) => void,
    budget: CacheBudget,
  ) {
    this.forwarding = open.forwarding;
    this.gop = new GopCache(budget, open.key);
  }

  private get name(): string {
    return `${this.open.key} (${withoutCredentials(this.open.url)})`;
  }

  private wire(): void {
    const id = this.open.id;
    this.ingest.on('state', (state, detail) => this.report({ type: 'state', id, state, detail }));
    this.ingest.on('rtp', (packet) => this.onRtp(packet));
    // RTCP from the transport (PLI/FIR from viewers) lands here: an RTSP camera cannot be asked
    // for a keyframe, so it is read and dropped rather than left to fill the socket buffer.
    this.socket.on('message', () => undefined);
    // A transport gone with its worker answers with ICMP port unreachable until the engine retargets.
    this.socket.on('error', (error) => {
      if (++this.sendErrors === 1 || this.sendErrors % 1000 === 0) log.warn(`${this.name}: socket error (${this.sendErrors})`, error.message);
    });
  }

  private onRtp(packet: Buffer): void {
    this.packetsOut++;
    this.last = { seq: packet.readUInt16BE(2), ts: packet.readUInt32BE(4), atMs: Date.now() };
    if (!this.trackSent) {
      this.trackSent = true;
      this.report({ type: 'track', id: this.open.id, profileLevelId: this.ingest.profileLevelId });
    }
    this.gop.push(packet);
    if (this.forwarding && this.connectedTo) {
      this.socket.send(packet);
      this.lastSent = packet;
    }
    for (const fast of this.fastStarts.values()) fast.live(packet);
  }

  hold(): void {
    this.forwarding = false;
  }

  /** The cached GOP goes out as soon as there is somewhere to send it, then everything live. */
  forward(): void {
    this.forwarding = true;
    if (this.connectedTo) this.flush();
  }

  retarget(target: Target): void {
    this.target = target;
    this.connect();
  }

  /** One connect at a time (dgram refuses a second); the latest target wins. */
  private connect(): void {
    if (this.closed || this.connecting || !this.target || sameTarget(this.connectedTo, this.target)) return;
    if (this.connectedTo) this.socket.disconnect();
    this.connectedTo = undefined;
    this.lastSent = undefined; // a new target has had nothing yet
    this.connecting = true;
    const want = this.target;
    this.socket.connect(want.port, want.ip, () => {
      this.connecting = false;
      if (this.closed) return;
      try {
        this.socket.remoteAddress(); // throws when the connect failed (the error is on the socket)
      } catch {
        return;
      }
      this.connectedTo = want;
      if (!sameTarget(want, this.target)) return this.connect();
      if (this.forwarding) this.flush();
    });
  }

  /** What of the cached GOP the target has not had: all of it, or what came after a hold. */
  private flush(): void {
    const packets = this.gop.snapshot()?.packets ?? [];
    const from = this.lastSent ? packets.indexOf(this.lastSent) + 1 : 0;
    for (let i = from; i < packets.length; i++) this.socket.send(packets[i]!);
    this.lastSent = packets.at(-1) ?? this.lastSent;
  }

  /** A viewer's own stream: the cached GOP rewritten, then live up to the next keyframe. */
  fastStart(fastId: number, ssrc: number, target: Target): void {
    const id = this.open.id;
    const ended = (reason: FastStartEndReason): void => this.report({ type: 'fast-ended', id, fastStart: fastId, reason });
    if (this.closed || this.fastStarts.has(fastId)) return;
    if (this.fastStarts.size >= MAX_FAST_STARTS_PER_FEED) return ended('busy');
    const gop = this.gop.snapshot();
    if (!gop) return ended('no-gop');
    const stream = new FastStream(`${this.open.key} fast start ${fastId}`, ssrc, target, gop, {
      started: (info) => this.report({ type: 'fast-started', id, fastStart: fastId, info }),
      ended: (reason) => {
        this.fastStarts.delete(fastId);
        ended(reason);
      },
    });
    this.fastStarts.set(fastId, stream);
  }

  /** The engine closed it: no word back. */
  stopFastStart(fastId: number): void {
    this.fastStarts.get(fastId)?.close();
    this.fastStarts.delete(fastId);
  }

  get fastStartCount(): number {
    return this.fastStarts.size;
  }

  position(): FeedReport | undefined {
    return this.last && { id: this.open.id, packetsOut: this.packetsOut, cacheBytes: this.gop.byteLength, ...this.last };
  }

  /** Idempotent: the ingest TEARDOWNs, its fast starts stop, the GOP cache and the socket go. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ingest.close();
    for (const fast of this.fastStarts.values()) fast.close();
    this.fastStarts.clear();
    this.gop.clear();
    this.socket.close();
  }
}

/** A socket bound on loopback, to `port` when it is still free, else to any port. */
async function openSocket(port: number | undefined): Promise<dgram.Socket> {
  const bind = (wanted: number): Promise<dgram.Socket> =>
    new Promise((resolve, reject) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', (error) => {
        socket.close();
        reject(error);
      });
      socket.bind(wanted, '127.0.0.1', () => {
        socket.removeAllListeners('error');
        resolve(socket);
      });
    });
  if (port === undefined) return bind(0);
  return bind(port).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    log.warn(`port ${port} taken since the shard restarted: this feed needs a new transport`);
    return bind(0);
  });
}
