// One client TCP connection: frames requests, answers them strictly in order, and never lets a
// broken or vanished client throw into the server.
import type { Socket } from 'node:net';
import { createLogger } from '../../common/logger.js';
import type { HandlerResult, RequestOrigin } from './rtsp-handler.js';
import { type RtspRequest, RtspRequestReader, formatResponse } from './rtsp-message.js';
import type { SimSession } from './sim-session.js';

const log = createLogger('sim:rtsp');

/** More requests than this queued behind a slow one means a flood, not a client. */
const MAX_PENDING = 32;

export interface ConnectionHooks {
  handle(origin: RequestOrigin, request: RtspRequest): Promise<HandlerResult>;
  /** Interleaved data from the client (RTCP receiver reports) proves it is alive. */
  alive(connection: RtspConnection): void;
  closed(connection: RtspConnection): void;
  answered(method: string, uri: string, status: number): void;
}

export class RtspConnection implements RequestOrigin {
  readonly sessions = new Set<SimSession>();
  readonly cameraIds = new Set<string>();
  readonly remoteAddress: string;
  private readonly reader = new RtspRequestReader();
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    readonly socket: Socket,
    private readonly hooks: ConnectionHooks,
    idleTimeoutMs: number,
  ) {
    // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; UDP to them wants the plain form.
    this.remoteAddress = (socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    socket.setNoDelay(true);
    // A connection that never sets up a session (or half-sends a request) must not hold a socket forever.
    socket.setTimeout(idleTimeoutMs, () => {
      if (this.sessions.size === 0) this.destroy();
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => log.debug(`connection from ${this.remoteAddress} failed`, error));
    socket.once('close', () => hooks.closed(this));
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    for (const item of this.reader.push(chunk)) {
      if (item.kind === 'interleaved') {
        this.hooks.alive(this);
      } else if (item.kind === 'bad') {
        log.debug(`bad request from ${this.remoteAddress}: ${item.reason}`);
        this.enqueue(async () => {
          this.write(formatResponse(item.cseq, { status: 400 }));
          this.hooks.answered('?', '?', 400);
          if (item.fatal) this.socket.end();
        });
      } else if (this.pending >= MAX_PENDING) {
        log.warn(`too many pipelined requests from ${this.remoteAddress}; closing`);
        this.destroy();
        return;
      } else {
        const request = item.request;
        this.enqueue(() => this.answer(request));
      }
    }
  }

  private enqueue(work: () => Promise<void>): void {
    this.pending += 1;
    this.queue = this.queue
      .then(work)
      .catch((error: unknown) => log.error('request handling failed', error))
      .finally(() => {
        this.pending -= 1;
      });
  }

  private async answer(request: RtspRequest): Promise<void> {
    const cseq = request.headers.get('cseq');
    if (this.socket.destroyed) return;
    let result: HandlerResult;
    if (cseq === undefined || !/^\d{1,10}$/.test(cseq)) {
      result = { response: { status: 400 } };
    } else {
      try {
        result = await this.hooks.handle(this, request);
      } catch (error) {
        log.error(`${request.method} ${request.uri} failed`, error);
        result = { response: { status: 500 } };
      }
    }
    if (this.socket.destroyed) return;
    this.write(formatResponse(cseq, result.response));
    this.hooks.answered(request.method, request.uri, result.response.status);
    result.after?.();
  }

  private write(data: Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(data);
  }
}
