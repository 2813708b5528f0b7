// A deliberately tiny RTSP client over node:net for the simulator's tests: it frames responses and
// interleaved packets and nothing more, so the tests see exactly what the server put on the wire.
import { type Socket, connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

export interface RtpPacket {
  channel: number;
  data: Buffer;
  at: number;
}

export class RawRtspClient {
  readonly packets: RtpPacket[] = [];
  readonly closed: Promise<void>;
  private buffer = Buffer.alloc(0);
  private cseq = 0;
  private readonly waiting: Array<(r: RawResponse) => void> = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawRtspClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => {
        socket.off('error', reject);
        resolve(new RawRtspClient(socket));
      });
      socket.once('error', reject);
    });
  }

  request(method: string, url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    this.cseq += 1;
    const lines = [`${method} ${url} RTSP/1.0`, `CSeq: ${this.cseq}`, 'User-Agent: sim-test'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    return this.send(`${lines.join('\r\n')}\r\n\r\n`);
  }

  /** Writes raw bytes and waits for the next response. */
  send(raw: string | Buffer): Promise<RawResponse> {
    const response = new Promise<RawResponse>((resolve) => this.waiting.push(resolve));
    this.socket.write(raw);
    return response;
  }

  /** DESCRIBE, SETUP (TCP interleaved) and PLAY; returns the session id and the PLAY response. */
  async playTcp(url: string, headers: Record<string, string> = {}): Promise<{ session: string; play: RawResponse }> {
    const describe = await this.request('DESCRIBE', url, headers);
    if (describe.status !== 200) throw new Error(`DESCRIBE ${describe.status}`);
    const setup = await this.request('SETUP', `${url}/trackID=1`, {
      ...headers,
      Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1',
    });
    if (setup.status !== 200) throw new Error(`SETUP ${setup.status}`);
    const session = (setup.headers.get('session') ?? '').split(';')[0] ?? '';
    const play = await this.request('PLAY', url, { ...headers, Session: session });
    if (play.status !== 200) throw new Error(`PLAY ${play.status}`);
    return { session, play };
  }

  rtp(): RtpPacket[] {
    return this.packets.filter((p) => p.channel === 0);
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length === 0) return;
      if (this.buffer[0] === 0x24) {
        if (this.buffer.length < 4) return;
        const length = this.buffer.readUInt16BE(2);
        if (this.buffer.length < 4 + length) return;
        this.packets.push({ channel: this.buffer[1] ?? 0, data: Buffer.from(this.buffer.subarray(4, 4 + length)), at: performance.now() });
        this.buffer = this.buffer.subarray(4 + length);
        continue;
      }
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get('content-length') ?? 0);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      const status = Number((head[0] ?? '').split(' ')[1]);
      this.waiting.shift()?.({ status, headers, body });
    }
  }
}

export function rtpHeader(data: Buffer): { marker: boolean; pt: number; seq: number; ts: number; ssrc: number } {
  return {
    marker: ((data[1] ?? 0) & 0x80) !== 0,
    pt: (data[1] ?? 0) & 0x7f,
    seq: data.readUInt16BE(2),
    ts: data.readUInt32BE(4),
    ssrc: data.readUInt32BE(8),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
