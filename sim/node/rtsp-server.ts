// CameraSimulator: many simulated H.264/H.265 cameras behind one RTSP port (RFC 2326), used as the
// test fixture, the bench's camera farm and the installer's training site.
import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:net';
import { JharokhaError } from '../../common/errors.js';
import { createLogger } from '../../common/logger.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import { RtspAuthenticator } from './rtsp-auth.js';
import { type ConnectionHooks, RtspConnection } from './rtsp-connection.js';
import { type HandlerContext, handleRequest } from './rtsp-handler.js';
import { SimCamera, type SimCameraConfig } from './sim-camera.js';
import { SimSession, type StreamName } from './sim-session.js';
import { type UdpPair, bindUdpPair } from './udp-pair.js';

const log = createLogger('sim');

export interface CameraSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  cameras: SimCameraConfig[];
  /** Seconds without a request or RTCP from the client before a session is dropped. Default 60. */
  sessionTimeoutS?: number;
}

export interface SimSessionInfo {
  sessionId: string;
  cameraId: string;
  stream: StreamName;
  transport: 'tcp' | 'udp';
  remoteAddress: string;
}

export type TeardownReason = 'teardown' | 'timeout' | 'disconnected' | 'stopped' | 'closed';

export type CameraSimulatorEvents = {
  /** A session started playing. */
  session: [info: SimSessionInfo];
  /** A session that had started playing ended. */
  teardown: [info: SimSessionInfo, reason: TeardownReason];
  /** Every answered request, for tests that count keep-alives or failures. */
  request: [method: string, uri: string, status: number];
};

export class CameraSimulator extends TypedEmitter<CameraSimulatorEvents> {
  private readonly cameras = new Map<string, SimCamera>();
  private readonly sessions = new Map<string, SimSession>();
  private readonly connections = new Set<RtspConnection>();
  private readonly auth = new RtspAuthenticator();
  private udp: Promise<UdpPair> | undefined;
  private readonly reaper: NodeJS.Timeout;
  private readonly context: HandlerContext;
  private readonly hooks: ConnectionHooks;
  private closed = false;

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
    readonly sessionTimeoutS: number,
  ) {
    super();
    this.context = this.makeContext();
    this.hooks = this.makeHooks();
    server.on('connection', (socket) => {
      if (this.closed) return void socket.destroy();
      this.connections.add(new RtspConnection(socket, this.hooks, sessionTimeoutS * 1000));
    });
    server.on('error', (error) => log.error('rtsp listener failed', error));
    this.reaper = setInterval(() => this.reap(), Math.min(1000, sessionTimeoutS * 250));
    this.reaper.unref();
  }

  static async create(opts: CameraSimulatorOptions): Promise<CameraSimulator> {
    const host = opts.host ?? '127.0.0.1';
    const ids = opts.cameras.map((c) => c.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) throw new JharokhaError('BadRequest', `camera ${duplicate} is configured twice`);
    const cameras = await Promise.all(opts.cameras.map((c) => SimCamera.create(c)));
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const sim = new CameraSimulator(server, host, port, opts.sessionTimeoutS ?? 60);
    for (const camera of cameras) sim.register(camera);
    log.info(`serving ${cameras.length} cameras on rtsp://${host}:${port}/`);
    return sim;
  }

  url(cameraId: string, stream: StreamName = 'main'): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `rtsp://${host}:${this.port}/${encodeURIComponent(cameraId)}/${stream}`;
  }

  cameraIds(): string[] {
    return [...this.cameras.keys()];
  }

  async addCamera(config: SimCameraConfig): Promise<void> {
    if (this.closed) throw new JharokhaError('InvalidState', 'simulator is closed');
    if (this.cameras.has(config.id)) throw new JharokhaError('InvalidState', `camera ${config.id} exists`);
    const camera = await SimCamera.create(config);
    if (this.closed || this.cameras.has(config.id)) throw new JharokhaError('InvalidState', `camera ${config.id} exists`);
    this.register(camera);
  }

  /** Playing sessions of a camera (both streams): how tests see on-demand pulling. */
  activeSessions(cameraId: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.cameraId === cameraId && s.state === 'playing') n += 1;
    return n;
  }

  /** Like pulling the camera's cable: its connections drop and every request gets 503 until startCamera. */
  stopCamera(cameraId: string): void {
    const camera = this.require(cameraId);
    camera.state = 'stopped';
    camera.setFrozen(false);
    for (const s of [...this.sessions.values()]) if (s.cameraId === cameraId) this.endSession(s, 'stopped');
    for (const c of this.connections) if (c.cameraIds.has(cameraId)) c.destroy();
  }

  /** A stalled camera: connections and RTSP stay up, no RTP or RTCP goes out. */
  freezeCamera(cameraId: string): void {
    const camera = this.require(cameraId);
    if (camera.state !== 'stopped') camera.state = 'frozen';
    camera.setFrozen(true);
  }

  startCamera(cameraId: string): void {
    const camera = this.require(cameraId);
    camera.state = 'running';
    camera.setFrozen(false);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reaper);
    for (const s of [...this.sessions.values()]) this.endSession(s, 'closed');
    for (const c of this.connections) c.destroy();
    for (const camera of this.cameras.values()) for (const stream of camera.streams.values()) stream.stop();
    const udp = this.udp;
    this.udp = undefined;
    if (udp) await udp.then((pair) => pair.close(), () => undefined);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private register(camera: SimCamera): void {
    this.cameras.set(camera.config.id, camera);
  }

  private require(cameraId: string): SimCamera {
    const camera = this.cameras.get(cameraId);
    if (!camera) throw new JharokhaError('NotFound', `no simulated camera ${cameraId}`);
    return camera;
  }

  private info(s: SimSession): SimSessionInfo {
    const { id: sessionId, cameraId, stream, remoteAddress } = s;
    return { sessionId, cameraId, stream, transport: s.transport.kind, remoteAddress };
  }

  private stopPlaying(s: SimSession): void {
    this.cameras.get(s.cameraId)?.streams.get(s.stream)?.remove(s);
    s.state = 'ready';
  }

  private endSession(s: SimSession, reason: TeardownReason): void {
    if (!this.sessions.delete(s.id)) return;
    this.stopPlaying(s);
    for (const c of this.connections) c.sessions.delete(s);
    if (s.announced) this.safeEmit('teardown', this.info(s), reason);
  }

  private reap(): void {
    const deadline = Date.now() - this.sessionTimeoutS * 1000;
    for (const s of [...this.sessions.values()]) {
      if (s.lastSeen < deadline) {
        log.info(`session ${s.id} (${s.cameraId}/${s.stream}) timed out`);
        this.endSession(s, 'timeout');
      }
    }
  }

  private onRtcpFromClient(address: string, port: number): void {
    for (const s of this.sessions.values()) {
      const t = s.transport;
      if (t.kind === 'udp' && t.address === address && (t.rtcpPort === port || t.rtpPort === port)) s.lastSeen = Date.now();
    }
  }

  private makeContext(): HandlerContext {
    return {
      sessionTimeoutS: this.sessionTimeoutS,
      auth: this.auth,
      serverHost: this.host,
      camera: (id) => this.cameras.get(id),
      session: (id) => this.sessions.get(id),
      createSession: (origin, cameraId, stream, transport) => {
        if (origin.socket.destroyed || this.closed) throw new JharokhaError('InvalidState', 'connection closed');
        const s = new SimSession(randomBytes(8).toString('hex'), cameraId, stream, transport, origin.remoteAddress);
        this.sessions.set(s.id, s);
        origin.sessions.add(s);
        return s;
      },
      udpPair: () => {
        if (!this.udp) {
          this.udp = bindUdpPair(this.host).then((pair) => {
            pair.rtcp.on('message', (_msg, rinfo) => this.onRtcpFromClient(rinfo.address, rinfo.port));
            pair.rtp.on('message', (_msg, rinfo) => this.onRtcpFromClient(rinfo.address, rinfo.port));
            return pair;
          });
          this.udp.catch(() => (this.udp = undefined));
        }
        return this.udp;
      },
      play: (s) => {
        const stream = this.cameras.get(s.cameraId)?.streams.get(s.stream);
        if (!stream || !this.sessions.has(s.id)) return;
        s.state = 'playing';
        stream.add(s);
        if (!s.announced) {
          s.announced = true;
          this.safeEmit('session', this.info(s));
        }
      },
      pause: (s) => this.stopPlaying(s),
      teardown: (s) => this.endSession(s, 'teardown'),
    };
  }

  private makeHooks(): ConnectionHooks {
    return {
      handle: (origin, request) => handleRequest(this.context, origin, request),
      alive: (c) => {
        for (const s of c.sessions) s.lastSeen = Date.now();
      },
      closed: (c) => {
        this.connections.delete(c);
        // Cameras end a session when its RTSP connection goes, whatever the transport; so do we.
        for (const s of [...c.sessions]) this.endSession(s, 'disconnected');
      },
      answered: (method, uri, status) => this.safeEmit('request', method, uri, status),
    };
  }
}
