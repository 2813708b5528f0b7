// A bare WebSocket client for engine tests and the bench: raw frames in, parsed frames out.
import WebSocket from 'ws';

export class TestClient {
  private nextId = 1;
  readonly frames: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];

  /** `options` can bind the client to another loopback address (localAddress: '127.0.0.2'), as if from another desk. */
  static async connect(url: string, headers: Record<string, string> = {}, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, { ...options, headers });
    // Listening from the start: a frame sent on open can arrive in the same read as the handshake.
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return client;
  }

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  async request(method: string, params?: unknown, timeoutMs?: number): Promise<{ ok: boolean; result?: any; error?: { code: string; message: string } }> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return (await this.waitFrame((f) => f.id === id, `response ${id} (${method})`, timeoutMs)) as never;
  }

  /** A request that must succeed: its result, or a failed assertion naming the method and the error. */
  async ok(method: string, params?: unknown, timeoutMs?: number): Promise<any> {
    const answer = await this.request(method, params, timeoutMs);
    if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }

  async waitFrame(match: (frame: Record<string, any>) => boolean, what: string, timeoutMs = 3000): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}
