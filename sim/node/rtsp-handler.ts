// RTSP method handling (RFC 2326 10): turns one parsed request into a response, plus the work that
// must happen only after the response is on the wire (PLAY starts RTP after its 200, not before).
import type { Socket } from 'node:net';
import type { RtspAuthenticator } from './rtsp-auth.js';
import type { RtspRequest, RtspResponse } from './rtsp-message.js';
import { type RtspTarget, TRACK, parseTarget } from './rtsp-target.js';
import { buildSdp } from './sdp.js';
import type { SimCamera } from './sim-camera.js';
import type { SessionTransport, SimSession, StreamName } from './sim-session.js';
import { parseTransport } from './transport-header.js';
import type { UdpPair } from './udp-pair.js';

export const PUBLIC_METHODS = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, GET_PARAMETER, SET_PARAMETER, TEARDOWN';
const KNOWN = new Set(PUBLIC_METHODS.split(', '));
const NOT_ALLOWED = new Set(['ANNOUNCE', 'RECORD', 'REDIRECT']);

/** The connection a request arrived on, as the handler sees it. */
export interface RequestOrigin {
  readonly remoteAddress: string;
  readonly sessions: Set<SimSession>;
  /** Cameras this connection has talked to: stopCamera cuts these connections. */
  readonly cameraIds: Set<string>;
  readonly socket: Socket;
}

export interface HandlerContext {
  readonly sessionTimeoutS: number;
  readonly auth: RtspAuthenticator;
  readonly serverHost: string;
  camera(id: string): SimCamera | undefined;
  session(id: string): SimSession | undefined;
  createSession(origin: RequestOrigin, cameraId: string, stream: StreamName, transport: SessionTransport): SimSession;
  udpPair(): Promise<UdpPair>;
  play(session: SimSession): void;
  pause(session: SimSession): void;
  teardown(session: SimSession): void;
}

export interface HandlerResult {
  response: RtspResponse;
  after?: () => void;
}

const reply = (status: number, headers?: RtspResponse['headers'], body?: string): HandlerResult => ({
  response: { status, ...(headers ? { headers } : {}), ...(body !== undefined ? { body } : {}) },
});

export async function handleRequest(ctx: HandlerContext, origin: RequestOrigin, req: RtspRequest): Promise<HandlerResult> {
  if (req.version !== 'RTSP/1.0') return reply(505);
  const { method } = req;
  if (NOT_ALLOWED.has(method)) return reply(405, { Allow: PUBLIC_METHODS });
  if (!KNOWN.has(method)) return reply(501, { Public: PUBLIC_METHODS });
  const sessionId = req.headers.get('session')?.split(';')[0]?.trim();
  const session = sessionId ? ctx.session(sessionId) : undefined;
  if (session) session.lastSeen = Date.now();
  if (method === 'OPTIONS' && req.uri === '*') return reply(200, { Public: PUBLIC_METHODS });

  const target = parseTarget(req.uri);
  if (target === 'bad') return reply(400);
  const camera = target ? ctx.camera(target.cameraId) : undefined;
  if (!target || !camera) return reply(404);
  origin.cameraIds.add(camera.config.id);
  if (camera.state === 'stopped') return reply(503);
  const stream = camera.streams.get(target.stream);
  if (!stream) return reply(404);

  const auth = camera.config.auth;
  if (auth && method !== 'OPTIONS') {
    const verdict = ctx.auth.verify(auth, method, req.headers.get('authorization'));
    if (verdict !== 'ok') return reply(401, { 'WWW-Authenticate': ctx.auth.challenge(auth, verdict === 'stale') });
  }
  // DESCRIBE stands outside sessions; a stale Session header on it is harmless and ignored.
  const wrongSession = !session || session.cameraId !== camera.config.id || session.stream !== target.stream;
  if (sessionId && method !== 'DESCRIBE' && wrongSession) {
    return reply(454);
  }
  const sessionHeader = session ? `${session.id};timeout=${ctx.sessionTimeoutS}` : undefined;

  switch (method) {
    case 'OPTIONS':
    case 'GET_PARAMETER':
    case 'SET_PARAMETER':
      return reply(200, { Public: method === 'OPTIONS' ? PUBLIC_METHODS : undefined, Session: sessionHeader });
    case 'DESCRIBE': {
      const sdp = buildSdp({
        clip: stream.clip,
        trackUrl: target.trackUrl,
        serverHost: ctx.serverHost,
        name: `${camera.config.id} ${target.stream}`,
        sessionVersion: Date.now(),
      });
      return reply(200, { 'Content-Type': 'application/sdp', 'Content-Base': target.base }, sdp);
    }
    case 'SETUP':
      return setup(ctx, origin, req, target, session);
    case 'PLAY': {
      if (!session) return reply(454);
      const rtpInfo = `url=${target.trackUrl};seq=${session.sequence};rtptime=${session.rtpTime(stream.nextTimestamp)}`;
      const result = reply(200, { Session: sessionHeader, Range: 'npt=0.000-', 'RTP-Info': rtpInfo });
      return session.state === 'playing' ? result : { ...result, after: () => ctx.play(session) };
    }
    case 'PAUSE':
      if (!session) return reply(454);
      if (session.state === 'playing') ctx.pause(session);
      return reply(200, { Session: sessionHeader });
    case 'TEARDOWN':
      if (!session) return reply(454);
      ctx.teardown(session);
      return reply(200, { Session: session.id });
    default:
      return reply(501, { Public: PUBLIC_METHODS });
  }
}

async function setup(
  ctx: HandlerContext,
  origin: RequestOrigin,
  req: RtspRequest,
  target: RtspTarget,
  existing: SimSession | undefined,
): Promise<HandlerResult> {
  if (target.track !== undefined && target.track.toLowerCase() !== TRACK.toLowerCase()) return reply(404);
  const wanted = parseTransport(req.headers.get('transport'));
  if (!wanted) return reply(461);
  // Changing transport while packets flow would confuse the client; RFC 2326 allows refusing it.
  if (existing?.state === 'playing') return reply(455);
  let transport: SessionTransport;
  let header: string;
  if (wanted.kind === 'tcp') {
    const [rtpChannel, rtcpChannel] = wanted.interleaved ?? freeChannels(origin);
    transport = { kind: 'tcp', socket: origin.socket, rtpChannel, rtcpChannel };
    header = `RTP/AVP/TCP;unicast;interleaved=${rtpChannel}-${rtcpChannel}`;
  } else {
    const pair = await ctx.udpPair();
    const [rtpPort, rtcpPort] = wanted.clientPorts;
    transport = { kind: 'udp', pair, address: origin.remoteAddress, rtpPort, rtcpPort };
    header = `RTP/AVP;unicast;client_port=${rtpPort}-${rtcpPort};server_port=${pair.rtpPort}-${pair.rtcpPort}`;
  }
  let session = existing;
  if (session) session.transport = transport;
  else session = ctx.createSession(origin, target.cameraId, target.stream, transport);
  header += `;ssrc=${session.ssrc.toString(16).padStart(8, '0').toUpperCase()}`;
  return reply(200, { Transport: header, Session: `${session.id};timeout=${ctx.sessionTimeoutS}` });
}

function freeChannels(origin: RequestOrigin): [number, number] {
  const used = new Set<number>();
  for (const s of origin.sessions) if (s.transport.kind === 'tcp') used.add(s.transport.rtpChannel);
  let channel = 0;
  while (used.has(channel)) channel += 2;
  return [channel, channel + 1];
}
