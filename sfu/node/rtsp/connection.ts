// One RTSP control connection: requests with CSeq, one at a time (cameras handle pipelining
// badly), a timeout on each, authentication retries, and the interleaved frames that share the
// socket. Every failure surfaces as an RtspError; nothing here throws past its caller.
import net from 'node:net';
import { createLogger } from '../../../common/logger.js';
import { Authenticator, parseChallenges, type Credentials } from './auth.js';
import { socketErrorDetail, unauthorized, unreachable, type RtspError } from './errors.js';
import { RtspMessageParser, type ParserLimits, type RtspMessage } from './message-parser.js';

const log = createLogger('rtsp-connection');
const USER_AGENT = 'Jharokha/0.1';
/** A stale nonce may be renewed twice per request; a changed nonce once. Then it is a rejection. */
const MAX_STALE_RETRIES = 2;
const MAX_NONCE_CHANGES = 1;
const READ_BUFFER_BYTES = 16 * 1024;
const BASIC_REFUSED =
  'the camera offers only Basic authentication, which would send its password readable over plain RTSP; allow Basic for this camera (allow_basic_auth) only where that is acceptable, or turn on Digest in the camera';

export interface ConnectionOptions {
  host: string;
  port: number;
  localAddress?: string;
  requestTimeoutMs: number;
  credentials?: Credentials;
  /** Answer a Basic challenge (the password goes base64-encoded, readable, over plain RTSP). */
  allowBasicAuth?: boolean;
  signal?: AbortSignal;
  limits?: Partial<ParserLimits>;
}

interface Pending {
  cseq: number;
  method: string;
  resolve: (message: RtspMessage) => void;
  reject: (error: RtspError) => void;
  timer: NodeJS.Timeout;
}

export class RtspConnection {
  /** Called for each `$` frame; set by the owner. */
  onInterleaved: (channel: number, payload: Buffer) => void = () => undefined;
  /** Called once when the connection fails (not after close()). */
  onFailure: (error: RtspError) => void = () => undefined;
  /** Sent on every request once SETUP has answered. */
  session: string | undefined;

  private cseq = 0;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private authenticator: Authenticator | undefined;
  private closed = false;
  private readonly parser: RtspMessageParser;

  static open(options: ConnectionOptions): Promise<RtspConnection> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(unreachable('aborted'));
      // Reading into one buffer of our own skips a stream chunk allocation per read: at one
      // wake-up per video frame per camera, that allocation was most of the ingest's CPU.
      const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
      let connection: RtspConnection | undefined;
      const socket = net.connect({
        host: options.host,
        port: options.port,
        localAddress: options.localAddress,
        onread: {
          buffer: readBuffer,
          callback: (bytes) => {
            connection?.onData(readBuffer.subarray(0, bytes));
            return true; // false would pause the socket
          },
        },
      });
      const finish = (error?: RtspError): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        socket.off('error', onError);
        if (!error) {
          connection = new RtspConnection(socket, options);
          return resolve(connection);
        }
        socket.destroy();
        reject(error);
      };
      const onError = (error: Error): void => finish(unreachable(socketErrorDetail(error)));
      const onAbort = (): void => finish(unreachable('aborted'));
      const timer = setTimeout(() => finish(unreachable('timeout connecting')), options.requestTimeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', onError);
      socket.once('connect', () => finish());
    });
  }

  private constructor(
    private readonly socket: net.Socket,
    private readonly options: ConnectionOptions,
  ) {
    this.parser = new RtspMessageParser(
      { message: (m) => this.onMessage(m), interleaved: (c, p) => this.onInterleaved(c, p) },
      options.limits,
    );
    socket.setNoDelay(true);
    socket.on('error', (error) => this.fail(unreachable(socketErrorDetail(error))));
    socket.on('close', () => this.fail(unreachable('connection closed by camera')));
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Bytes read into the shared read buffer: parsed (and copied where kept) before returning. */
  private onData(chunk: Buffer): void {
    const error = this.parser.push(chunk);
    if (error) this.fail(error);
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  get localAddress(): string | undefined {
    return this.socket.localAddress;
  }

  get bufferedBytes(): number {
    return this.parser.bufferedBytes;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** How the camera made us authenticate, once it has. */
  get authScheme(): 'basic' | 'digest' | undefined {
    return this.authenticator?.challenge.scheme;
  }

  /** Sends a request and waits for its response, authenticating when challenged. */
  request(method: string, url: string, headers: Record<string, string> = {}): Promise<RtspMessage> {
    const run = this.queue.then(() => this.exchange(method, url, headers));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Sends a request without waiting for an answer (TEARDOWN on the way out). */
  sendOnly(method: string, url: string): void {
    if (this.closed) return;
    this.socket.write(this.format(method, url, this.authorize(method, url, {})));
  }

  /** Writes an interleaved frame (RTCP over TCP). */
  writeFrame(channel: number, payload: Buffer): void {
    if (this.closed || payload.length > 0xffff) return;
    const header = Buffer.from([0x24, channel & 0xff, payload.length >> 8, payload.length & 0xff]);
    this.socket.write(Buffer.concat([header, payload]));
  }

  /** Idempotent; flushes what was written (a TEARDOWN) and does not call onFailure. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.rejectPending(unreachable('connection closed'));
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  private readonly onAbort = (): void => this.fail(unreachable('aborted'));

  private async exchange(method: string, url: string, extra: Record<string, string>): Promise<RtspMessage> {
    let staleRetries = 0;
    let nonceChanges = 0;
    for (;;) {
      const sentWith = this.authenticator;
      const response = await this.roundTrip(method, url, this.authorize(method, url, extra));
      if (response.status !== 401) return response;
      const credentials = this.options.credentials;
      if (!credentials) throw unauthorized('camera requires credentials');
      const challenge = parseChallenges(response.headers.getAll('www-authenticate'));
      if (!challenge) throw unauthorized('unsupported authentication scheme');
      // parseChallenges prefers Digest: Basic here means the camera offers nothing else.
      if (challenge.scheme === 'basic' && !this.options.allowBasicAuth) throw unauthorized(BASIC_REFUSED);
      const renew = (): void => {
        this.authenticator = new Authenticator(challenge, credentials);
      };
      if (!sentWith) renew();
      else if (challenge.stale && staleRetries < MAX_STALE_RETRIES) {
        staleRetries++;
        renew();
      } else if (challenge.nonce !== sentWith.challenge.nonce && nonceChanges < MAX_NONCE_CHANGES) {
        nonceChanges++;
        renew();
      } else {
        throw unauthorized('credentials rejected');
      }
    }
  }

  private authorize(method: string, url: string, extra: Record<string, string>): Record<string, string> {
    return this.authenticator ? { ...extra, Authorization: this.authenticator.header(method, url) } : extra;
  }

  private format(method: string, url: string, headers: Record<string, string>): string {
    const lines = [`${method} ${url} RTSP/1.0`, `CSeq: ${++this.cseq}`, `User-Agent: ${USER_AGENT}`];
    if (this.session) lines.push(`Session: ${this.session}`);
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    return `${lines.join('\r\n')}\r\n\r\n`;
  }

  private roundTrip(method: string, url: string, headers: Record<string, string>): Promise<RtspMessage> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(unreachable('connection closed'));
      const text = this.format(method, url, headers);
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(unreachable(`timeout waiting for ${method} response`));
      }, this.options.requestTimeoutMs);
      this.pending = { cseq: this.cseq, method, resolve, reject, timer };
      this.socket.write(text);
    });
  }

  private onMessage(message: RtspMessage): void {
    if (message.method !== undefined) return this.answerServerRequest(message);
    const pending = this.pending;
    const cseq = message.headers.get('cseq');
    // A response without CSeq can only be for the one request in flight.
    if (!pending || (cseq !== undefined && Number(cseq) !== pending.cseq)) {
      log.debug(`ignoring an unexpected response (CSeq ${cseq?.slice(0, 12) ?? 'none'})`);
      return;
    }
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.resolve(message);
  }

  /** Servers occasionally ping clients (OPTIONS, GET_PARAMETER); answer so they keep the session. */
  private answerServerRequest(message: RtspMessage): void {
    const cseq = /^\d{1,10}$/.test(message.headers.get('cseq') ?? '') ? message.headers.get('cseq') : '0';
    const known = ['OPTIONS', 'GET_PARAMETER', 'SET_PARAMETER'].includes(message.method ?? '');
    const status = known ? '200 OK' : '501 Not Implemented';
    if (!this.closed) this.socket.write(`RTSP/1.0 ${status}\r\nCSeq: ${cseq}\r\n\r\n`);
  }

  private rejectPending(error: RtspError): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.reject(error);
  }

  private fail(error: RtspError): void {
    if (this.closed) return;
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.rejectPending(error);
    this.socket.destroy();
    this.onFailure(error);
  }
}
