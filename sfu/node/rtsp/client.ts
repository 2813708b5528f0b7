// RTSP client (RFC 2326) for one camera stream: OPTIONS → DESCRIBE → SETUP → PLAY, then RTP out
// as Buffers. It knows nothing of mediasoup; the ingest normalises what it emits.
import { randomInt } from 'node:crypto';
import type dgram from 'node:dgram';
import type { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { RtspConnection } from './connection.js';
import { describeBase, resolveControl } from './control-url.js';
import { refusedDetail, RtspError, unauthorized, unreachable, unsupported } from './errors.js';
import { listsMethod, parseSession, parseTransport } from './headers.js';
import type { RtspMessage } from './message-parser.js';
import { ReceiverStats } from './rtcp-receiver.js';
import { looksLikeRtcp, readRtp } from './rtp-packet.js';
import { parseSdp, type VideoCodec, type VideoTrack } from './sdp.js';
import { bindUdpPair, type UdpPair } from './udp-pair.js';
import { parseRtspUrl } from './url.js';

const log = createLogger('rtsp-client');

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
const RECEIVER_REPORT_INTERVAL_MS = 5000;
/** RTP that arrives before connect() has returned is held until listeners can be attached. */
const MAX_EARLY_PACKETS = 512;

export interface RtspClientOptions {
  url: string;
  username?: string;
  password?: string;
  /** Answer a camera that offers only Basic authentication (its password then crosses the network readable). */
  allowBasicAuth?: boolean;
  transport: 'tcp' | 'udp';
  requestTimeoutMs?: number;
  localAddress?: string;
  /** Aborting fails a connect() in progress and closes an open client's connection. */
  signal?: AbortSignal;
  /** Codecs to accept (default H.264 only: what the ingest can forward). A probe takes any. */
  codecs?: readonly VideoCodec[];
}

export type RtspClientEvents = {
  rtp: [packet: Buffer];
  rtcp: [packet: Buffer];
  close: [error?: JharokhaError];
};

export interface RtspClientStats {
  rtpPackets: number;
  rtcpPackets: number;
  droppedPackets: number;
}

interface Media {
  transport: 'tcp' | 'udp';
  channels: [number, number];
  udp?: UdpPair;
  /** Where RTCP reports go: the address the control connection reached. */
  serverAddress?: string;
  serverRtcpPort?: number;
  /** Addresses UDP media is accepted from. */
  sources?: Set<string>;
}

export class RtspClient extends TypedEmitter<RtspClientEvents> {
  private closed = false;
  private closeError: RtspError | undefined;
  private early: Buffer[] | undefined = [];
  private timers: NodeJS.Timeout[] = [];
  private keepAliveInFlight = false;
  private readonly receiver: ReceiverStats;
  private readonly ownSsrc = randomInt(1, 0xffffffff);
  private readonly counters: RtspClientStats = { rtpPackets: 0, rtcpPackets: 0, droppedPackets: 0 };
  /** How the camera made us authenticate (the probe warns about Basic). */
  readonly authScheme: 'basic' | 'digest' | undefined;

  static async connect(options: RtspClientOptions): Promise<RtspClient> {
    const target = parseRtspUrl(options.url);
    const username = options.username ?? target.username;
    const password = options.password ?? target.password ?? '';
    const connection = await RtspConnection.open({
      host: target.host,
      port: target.port,
      localAddress: options.localAddress,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      credentials: username !== undefined ? { username, password } : undefined,
      allowBasicAuth: options.allowBasicAuth,
      signal: options.signal,
    });
    let udp: UdpPair | undefined;
    try {
      const reply = await connection.request('OPTIONS', target.url);
      if (!isOk(reply)) log.debug(`${target.url}: OPTIONS answered ${reply.status}`);
      const getParameter = !reply.headers.get('public') || listsMethod(reply.headers.get('public'), 'GET_PARAMETER');

      const described = expectOk(await connection.request('DESCRIBE', target.url, { Accept: 'application/sdp' }), 'DESCRIBE');
      const { sessionControl, video } = parseSdp(described.body.toString('utf8'));
      if (!(options.codecs ?? ['H264']).includes(video.codec)) throw unsupported(video.codec === 'H265' ? 'H.265' : video.encodingName);
      if (video.codec === 'H264' && video.packetizationMode > 1) throw unsupported('H.264 interleaved packetization');
      const base = describeBase(target.url, described.headers.get('content-base'), described.headers.get('content-location'));

      const media: Media = { transport: options.transport, channels: [0, 1] };
      let transportHeader = 'RTP/AVP/TCP;unicast;interleaved=0-1';
      if (options.transport === 'udp') {
        udp = await bindUdpPair(connection.remoteAddress ?? '127.0.0.1', options.localAddress);
        media.udp = udp;
        transportHeader = `RTP/AVP;unicast;client_port=${udp.rtpPort}-${udp.rtpPort + 1}`;
      }
      const setup = expectOk(
        await connection.request('SETUP', resolveControl(video.control, base), { Transport: transportHeader }),
        'SETUP',
      );
      const session = parseSession(setup.headers.get('session'));
      if (!session) throw unreachable('SETUP answered without a session');
      connection.session = session.id;
      const chosen = parseTransport(setup.headers.get('transport'));
      if (chosen && chosen.tcp !== (options.transport === 'tcp')) throw unsupported(`camera refused ${options.transport.toUpperCase()} transport`);
      if (chosen?.interleaved) media.channels = chosen.interleaved;
      media.serverAddress = unmapped(connection.remoteAddress ?? '');
      // A camera behind NAT may name its private address as source; accept either.
      media.sources = new Set([media.serverAddress, unmapped(chosen?.source ?? media.serverAddress)]);
      media.serverRtcpPort = chosen?.serverPort?.[1];

      const playUrl = resolveControl(sessionControl, base);
      const client = new RtspClient(connection, video, media, playUrl, target.url);
      expectOk(await connection.request('PLAY', playUrl, { Range: 'npt=0.000-' }), 'PLAY');
      // The camera may hang up right behind its PLAY answer, before anyone could listen.
      if (client.closed) throw client.closeError ?? unreachable('connection closed');
      client.started(session.timeoutS, getParameter);
      return client;
    } catch (error) {
      connection.close();
      closeUdp(udp);
      throw asRtspError(error, target.url);
    }
  }

  private constructor(
    private readonly connection: RtspConnection,
    readonly track: VideoTrack,
    private readonly media: Media,
    private readonly playUrl: string,
    private readonly logUrl: string,
  ) {
    super();
    this.authScheme = connection.authScheme;
    this.receiver = new ReceiverStats(track.clockRate);
    connection.onInterleaved = (channel, payload) => {
      if (channel === media.channels[0]) this.onRtp(payload);
      else if (channel === media.channels[1]) this.onRtcp(payload);
    };
    connection.onFailure = (error) => this.shutdown(error);
    const udp = media.udp;
    if (udp) {
      udp.rtp.on('message', (packet, from) => {
        if (media.sources?.has(unmapped(from.address))) this.onRtp(packet);
        else this.drop('RTP from an unexpected address');
      });
      udp.rtcp.on('message', (packet, from) => {
        if (media.sources?.has(unmapped(from.address))) this.onRtcp(packet);
      });
      // A UDP socket error (ICMP port unreachable, say) is not fatal: the ingest's stall watch is.
      udp.rtp.on('error', (error) => log.debug(`${this.logUrl}: RTP socket error`, error.message));
      udp.rtcp.on('error', (error) => log.debug(`${this.logUrl}: RTCP socket error`, error.message));
    }
  }

  get stats(): RtspClientStats {
    return { ...this.counters };
  }

  /** Bytes the control connection holds for an incomplete message or frame. */
  get bufferedBytes(): number {
    return this.connection.bufferedBytes;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Idempotent. Sends TEARDOWN without waiting, closes sockets, emits close with no error. */
  close(): void {
    if (this.closed) return;
    this.connection.sendOnly('TEARDOWN', this.playUrl);
    this.shutdown(undefined);
  }

  private started(sessionTimeoutS: number, getParameter: boolean): void {
    let method = getParameter ? 'GET_PARAMETER' : 'OPTIONS';
    const keepAlive = async (): Promise<void> => {
      if (this.keepAliveInFlight || this.closed) return;
      this.keepAliveInFlight = true;
      try {
        const reply = await this.connection.request(method, this.playUrl);
        if (method === 'GET_PARAMETER' && (reply.status === 405 || reply.status === 501 || reply.status === 551)) {
          method = 'OPTIONS';
        } else if (!isOk(reply)) {
          log.debug(`${this.logUrl}: keep-alive ${method} answered ${reply.status}`);
        }
      } catch (error) {
        // A dead connection reports itself through onFailure; a slow answer is not fatal.
        log.debug(`${this.logUrl}: keep-alive failed`, (error as Error).message);
      } finally {
        this.keepAliveInFlight = false;
      }
    };
    const keepAliveMs = Math.max(1000, (sessionTimeoutS * 1000) / 2);
    this.timers.push(setInterval(() => void keepAlive(), keepAliveMs));
    this.timers.push(setInterval(() => this.sendReceiverReport(), RECEIVER_REPORT_INTERVAL_MS));
    // Deliver what arrived with the PLAY response once the caller has attached its listeners.
    setImmediate(() => {
      const held = this.early ?? [];
      this.early = undefined;
      for (const packet of held) if (!this.closed) this.safeEmit('rtp', packet);
    });
  }

  private onRtp(packet: Buffer): void {
    if (this.closed) return;
    const view = readRtp(packet);
    if (!view || looksLikeRtcp(packet)) return this.drop('malformed RTP');
    this.counters.rtpPackets++;
    const first = this.counters.rtpPackets === 1;
    this.receiver.onRtp(view, Date.now());
    if (first) this.sendReceiverReport();
    if (this.early) {
      if (this.early.length < MAX_EARLY_PACKETS) this.early.push(packet);
      return;
    }
    this.safeEmit('rtp', packet);
  }

  private onRtcp(packet: Buffer): void {
    if (this.closed) return;
    if (packet.length < 8 || (packet[0] as number) >> 6 !== 2) return this.drop('malformed RTCP');
    this.counters.rtcpPackets++;
    this.receiver.onRtcp(packet, Date.now());
    this.safeEmit('rtcp', packet);
  }

  private drop(why: string): void {
    const dropped = ++this.counters.droppedPackets;
    if (dropped === 1 || dropped % 1000 === 0) log.debug(`${this.logUrl}: dropped ${why} (${dropped} so far)`);
  }

  private sendReceiverReport(): void {
    if (this.closed) return;
    const report = this.receiver.buildReport(this.ownSsrc, 'jharokha', Date.now());
    if (!report) return;
    const { udp, serverAddress, serverRtcpPort, transport, channels } = this.media;
    if (transport === 'tcp') this.connection.writeFrame(channels[1], report);
    else if (udp && serverAddress && serverRtcpPort) {
      udp.rtcp.send(report, serverRtcpPort, serverAddress, () => undefined);
    }
  }

  private shutdown(error: RtspError | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.closeError = error;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.early = undefined;
    this.connection.close();
    closeUdp(this.media.udp);
    if (error) log.debug(`${this.logUrl}: closed: ${error.detail}`);
    this.safeEmit('close', error);
    this.removeAllListeners();
  }
}

function isOk(reply: RtspMessage): boolean {
  return reply.status !== undefined && reply.status >= 200 && reply.status < 300;
}

function expectOk(reply: RtspMessage, method: string): RtspMessage {
  if (isOk(reply)) return reply;
  const detail = refusedDetail(method, reply.status);
  if (reply.status === 403) throw unauthorized(detail);
  if (reply.status === 461) throw unsupported(detail);
  throw unreachable(detail);
}

function asRtspError(error: unknown, logUrl: string): RtspError {
  if (error instanceof RtspError) return error;
  log.error(`${logUrl}: unexpected failure`, error);
  return unreachable('internal error', error);
}

function unmapped(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function closeUdp(udp: UdpPair | undefined): void {
  if (!udp) return;
  for (const socket of [udp.rtp, udp.rtcp] as dgram.Socket[]) {
    try {
      socket.close();
    } catch {
      // already closed
    }
  }
}
