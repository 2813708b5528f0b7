// Press to ring: a kiosk presses, and every connected console must hear of the alert. Measured
// at the WebSocket (the moment each console's socket delivers alert.changed for the new alert),
// with all consoles identified and listening, one press at a time, on the bench's clock. A box has
// one open alert, so a supervisor closes each press's alert before the next press rings anew.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { percentile, round } from './stats.js';

export interface PressToRingResult {
  consoles: number;
  presses: number;
  /** Milliseconds from sending box.press to each console's alert.changed (presses × consoles samples). */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  targetP99Ms: number;
  pass: boolean;
}

export const PRESS_TO_RING_TARGET_P99_MS = 250;

class Socket {
  private nextId = 1;
  private readonly pending = new Map<number, (frame: { ok: boolean; error?: unknown; result?: unknown }) => void>();
  onEvent: (event: string, data: { id?: string; state?: string }) => void = () => undefined;

  static async open(url: string): Promise<Socket> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Socket(ws);
  }

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { id?: number; event?: string; data?: { id?: string; state?: string }; ok?: boolean };
      if (frame.event) this.onEvent(frame.event, frame.data ?? {});
      else if (frame.id !== undefined) this.pending.get(frame.id)?.(frame as { ok: boolean });
    });
  }

  request(method: string, params: unknown): Promise<{ ok: boolean; error?: unknown; result?: unknown }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

export async function measurePressToRing(options: {
  consoleUrl: string;
  kioskUrl: string;
  consoles: number;
  presses: number;
  /** Console i logs in as operator login(i): one person per console, as in a control room (a person has only so many sockets). */
  login: (console: number) => { username: string; password: string };
  /** A supervisor, who closes each alert once it has rung. */
  closer: { username: string; password: string };
}): Promise<PressToRingResult> {
  const samples: number[] = [];
  const consoles: Socket[] = [];
  let kiosk: Socket | undefined;
  let closer: Socket | undefined;
  let waiting: { sentAt: number; seen: Map<Socket, number>; done: () => void } | undefined;
  /** Alerts of earlier presses: their later changes are not this press's ring. */
  const earlier = new Set<string>();
  try {
    for (let i = 0; i < options.consoles; i++) {
      const socket = await Socket.open(options.consoleUrl);
      const login = await socket.request('session.login', options.login(i));
      if (!login.ok) throw new Error(`console ${i + 1} could not log in: ${JSON.stringify(login.error)}`);
      socket.onEvent = (event, data) => {
        const w = waiting;
        if (event !== 'alert.changed' || !w || w.seen.has(socket) || data.state !== 'ringing' || earlier.has(data.id ?? '')) return;
        w.seen.set(socket, performance.now());
        if (w.seen.size === consoles.length) w.done();
      };
      consoles.push(socket);
    }
    closer = await Socket.open(options.consoleUrl);
    const closerLogin = await closer.request('session.login', options.closer);
    if (!closerLogin.ok) throw new Error(`the closing supervisor could not log in: ${JSON.stringify(closerLogin.error)}`);
    kiosk = await Socket.open(options.kioskUrl);
    for (let p = 0; p < options.presses; p++) {
      const all = new Promise<void>((resolve) => {
        waiting = { sentAt: performance.now(), seen: new Map(), done: resolve };
      });
      const answer = (await kiosk.request('box.press', { kind: p % 2 ? 'emergency' : 'panic', pressId: randomUUID() })) as {
        ok: boolean;
        error?: unknown;
        result?: { alert: { id: string } };
      };
      if (!answer.ok || !answer.result) throw new Error(`press failed: ${JSON.stringify(answer.error)}`);
      earlier.add(answer.result.alert.id);
      await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error('a console never rang')), 5000))]);
      for (const at of waiting!.seen.values()) samples.push(at - waiting!.sentAt);
      waiting = undefined;
      const closed = await closer.request('alert.close', { alertId: answer.result.alert.id, outcome: 'test', note: 'bench' });
      if (!closed.ok) throw new Error(`could not close the bench alert: ${JSON.stringify(closed.error)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    kiosk?.close();
    closer?.close();
    for (const socket of consoles) socket.close();
  }
  const p99 = percentile(samples, 99);
  return {
    consoles: options.consoles,
    presses: options.presses,
    p50Ms: round(percentile(samples, 50), 1),
    p99Ms: round(p99, 1),
    maxMs: round(Math.max(...samples), 1),
    targetP99Ms: PRESS_TO_RING_TARGET_P99_MS,
    pass: p99 <= PRESS_TO_RING_TARGET_P99_MS,
  };
}
