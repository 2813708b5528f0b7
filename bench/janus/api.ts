// A small client of Janus's HTTP JSON API: one session, a long-poll loop for events, and handles
// attached to the streaming plugin (create session → attach → watch → offer → start with answer).
import { randomBytes } from 'node:crypto';
import { rtspMountpointSettings } from './config.js';

type Json = Record<string, unknown>;

/** The parts of Janus's replies and events the bench reads. */
interface JanusReply {
  janus: string;
  transaction?: string;
  data?: { id: number };
  error?: { reason?: string };
  plugindata?: { data?: Record<string, unknown> };
  jsep?: Jsep;
}

export interface Jsep {
  type: 'offer' | 'answer';
  sdp: string;
}

export class JanusSession {
  private closed = false;
  private readonly waiters = new Map<string, (event: JanusReply) => void>();
  private readonly keepAlive: NodeJS.Timeout;

  static async create(apiUrl: string): Promise<JanusSession> {
    const reply = await post(apiUrl, { janus: 'create' });
    const session = new JanusSession(apiUrl, reply.data!.id);
    void session.poll();
    return session;
  }

  private constructor(
    private readonly apiUrl: string,
    readonly id: number,
  ) {
    this.keepAlive = setInterval(() => void post(this.url, { janus: 'keepalive' }).catch(() => undefined), 20_000);
  }

  private get url(): string {
    return `${this.apiUrl}/${this.id}`;
  }

  async attachStreaming(): Promise<StreamingHandle> {
    const reply = await post(this.url, { janus: 'attach', plugin: 'janus.plugin.streaming' });
    return new StreamingHandle(this, reply.data!.id);
  }

  /** Ends one handle (its PeerConnection with it), leaving the session's others. */
  async detach(handleId: number): Promise<void> {
    await post(`${this.url}/${handleId}`, { janus: 'detach' });
  }

  /** A request to a handle whose answer comes as an asynchronous event (with the same transaction). */
  async message(handleId: number, body: Json, jsep?: Jsep): Promise<JanusReply> {
    const transaction = randomBytes(8).toString('hex');
    let timer: NodeJS.Timeout | undefined;
    const event = new Promise<JanusReply>((resolve, reject) => {
      timer = setTimeout(() => {
        this.waiters.delete(transaction);
        reject(new Error(`janus: no answer to ${JSON.stringify(body)} within 15 s`));
      }, 15_000);
      this.waiters.set(transaction, (e) => {
        clearTimeout(timer);
        resolve(e);
      });
    });
    const settle = (): void => {
      clearTimeout(timer);
      this.waiters.delete(transaction);
    };
    let ack: JanusReply;
    try {
      ack = await post(`${this.url}/${handleId}`, { janus: 'message', body, ...(jsep ? { jsep } : {}) }, transaction);
    } catch (error) {
      settle();
      throw error;
    }
    if (ack.janus !== 'success') return event;
    settle();
    return ack;
  }

  private async poll(): Promise<void> {
    while (!this.closed) {
      try {
        const res = await fetch(`${this.url}?maxev=10&rid=${Date.now()}`);
        const body = (await res.json()) as JanusReply | JanusReply[];
        for (const event of Array.isArray(body) ? body : [body]) this.dispatch(event);
      } catch {
        if (!this.closed) await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private dispatch(event: JanusReply): void {
    if (event.janus === 'keepalive') return;
    const waiter = event.transaction ? this.waiters.get(event.transaction) : undefined;
    if (waiter) {
      this.waiters.delete(event.transaction!);
      waiter(event);
    }
  }

  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    await post(this.url, { janus: 'destroy' }).catch(() => undefined);
  }
}

export class StreamingHandle {
  constructor(
    readonly session: JanusSession,
    readonly id: number,
  ) {}

  /** watch → the plugin's offer. */
  async watch(mountpointId: number): Promise<Jsep> {
    const event = await this.session.message(this.id, { request: 'watch', id: mountpointId });
    const error = event.plugindata?.data?.error;
    if (error) throw new Error(`janus watch: ${error}`);
    if (!event.jsep) throw new Error(`janus watch: no offer in ${JSON.stringify(event)}`);
    return event.jsep;
  }

  async start(answer: Jsep): Promise<void> {
    const event = await this.session.message(this.id, { request: 'start' }, answer);
    const error = event.plugindata?.data?.error;
    if (error) throw new Error(`janus start: ${error}`);
  }

  /** An RTSP mountpoint made at run time (not kept in Janus's config): Janus starts pulling at once. */
  /** `extra`: more mountpoint settings (`videobufferkf: true`: Janus keeps the last key frame for new viewers). */
  async createRtspMountpoint(mountpointId: number, url: string, extra: Record<string, boolean | number | string> = {}): Promise<void> {
    const reply = await this.session.message(this.id, {
      request: 'create',
      type: 'rtsp',
      id: mountpointId,
      description: `jharokha bench ${mountpointId}`,
      ...rtspMountpointSettings(url),
      ...extra,
    });
    const error = reply.plugindata?.data?.error;
    if (error) throw new Error(`janus create mountpoint ${mountpointId}: ${String(error)}`);
  }

  async destroyMountpoint(mountpointId: number): Promise<void> {
    const reply = await this.session.message(this.id, { request: 'destroy', id: mountpointId });
    const error = reply.plugindata?.data?.error;
    if (error) throw new Error(`janus destroy mountpoint ${mountpointId}: ${String(error)}`);
  }

  detach(): Promise<void> {
    return this.session.detach(this.id);
  }

  async mountpointInfo(mountpointId: number): Promise<Record<string, unknown>> {
    const reply = await this.session.message(this.id, { request: 'info', id: mountpointId });
    return reply.plugindata?.data ?? {};
  }
}

async function post(url: string, body: Json, transaction = randomBytes(8).toString('hex')): Promise<JanusReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, transaction }),
  });
  const reply = (await res.json()) as JanusReply;
  if (reply.janus === 'error') throw new Error(`janus ${String(body.janus)}: ${reply.error?.reason ?? JSON.stringify(reply)}`);
  return reply;
}
