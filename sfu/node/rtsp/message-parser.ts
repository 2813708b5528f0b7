// Incremental, bounded reader for one RTSP connection. RTP/RTCP may be interleaved on the same TCP
// stream as `$` + channel + 16-bit length frames, before, between or after responses, so both
// are demultiplexed here. A camera can send anything: every size is capped, a body needs a
// Content-Length, and the first protocol violation poisons the parser (the caller reconnects).
import { unreachable, type RtspError } from './errors.js';

export interface RtspMessage {
  /**
   * Set for responses ("RTSP/1.0 200 OK"). The reason phrase after it is not kept: it is the
   * camera's own text (some echo the request, credentials and all), and we say what a code means.
   */
  status?: number;
  /** Set for requests a server sends us (rare: ANNOUNCE, SET_PARAMETER, OPTIONS). */
  method?: string;
  headers: RtspHeaders;
  body: Buffer;
}

export class RtspHeaders {
  private readonly values = new Map<string, string[]>();

  add(name: string, value: string): void {
    const key = name.toLowerCase();
    const list = this.values.get(key);
    if (list) list.push(value);
    else this.values.set(key, [value]);
  }

  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase())?.[0];
  }

  getAll(name: string): readonly string[] {
    return this.values.get(name.toLowerCase()) ?? [];
  }
}

export interface ParserLimits {
  maxHeaderBytes: number;
  maxBodyBytes: number;
  maxHeaderLines: number;
}

export const defaultParserLimits: ParserLimits = { maxHeaderBytes: 16 * 1024, maxBodyBytes: 64 * 1024, maxHeaderLines: 64 };

export interface ParserSink {
  message(message: RtspMessage): void;
  interleaved(channel: number, payload: Buffer): void;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

export class RtspMessageParser {
  private pending: Buffer = Buffer.alloc(0);
  private failure: RtspError | undefined;
  private readonly limits: ParserLimits;

  constructor(
    private readonly sink: ParserSink,
    limits: Partial<ParserLimits> = {},
  ) {
    this.limits = { ...defaultParserLimits, ...limits };
  }

  /** Bytes held for an incomplete message or frame; bounded by the limits. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  get error(): RtspError | undefined {
    return this.failure;
  }

  /** Feeds bytes; returns the error that poisoned the parser, if any (now or before). */
  push(chunk: Buffer): RtspError | undefined {
    if (this.failure) return this.failure;
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    try {
      for (;;) {
        const used = this.next(data, offset);
        if (used === 0) break;
        offset += used;
      }
    } catch (error) {
      this.failure = error as RtspError;
      this.pending = Buffer.alloc(0);
      return this.failure;
    }
    // Copy the remainder so a large socket chunk is not kept alive by a few leftover bytes.
    data = data.subarray(offset);
    this.pending = data.length ? Buffer.from(data) : Buffer.alloc(0);
    return undefined;
  }

  /** Consumes one frame or message at offset; returns bytes used, or 0 if more are needed. */
  private next(data: Buffer, offset: number): number {
    if (offset >= data.length) return 0;
    const first = data[offset];
    // Stray line breaks between messages are tolerated (some servers add them after frames).
    if (first === 0x0d || first === 0x0a) return 1;
    if (first === 0x24) return this.frame(data, offset);
    return this.textMessage(data, offset);
  }

  private frame(data: Buffer, offset: number): number {
    if (data.length - offset < 4) return 0;
    const channel = data.readUInt8(offset + 1);
    const length = data.readUInt16BE(offset + 2);
    if (data.length - offset < 4 + length) return 0;
    // A copy: the bytes being parsed may be a socket's reused read buffer.
    this.sink.interleaved(channel, Buffer.from(data.subarray(offset + 4, offset + 4 + length)));
    return 4 + length;
  }

  private textMessage(data: Buffer, offset: number): number {
    const available = data.length - offset;
    const searchEnd = Math.min(data.length, offset + this.limits.maxHeaderBytes + 4);
    const window = data.subarray(offset, searchEnd);
    let end = window.indexOf(CRLFCRLF);
    let separator = 4;
    const lf = window.indexOf(LFLF);
    if (lf !== -1 && (end === -1 || lf < end)) {
      end = lf;
      separator = 2;
    }
    if (end === -1) {
      if (available > this.limits.maxHeaderBytes) throw unreachable('protocol error: header too large');
      // Reject early what can never become a message, rather than waiting for the cap.
      if (!/^[A-Z_]*(?:[ /]|$)/i.test(window.subarray(0, 16).toString('latin1'))) {
        throw unreachable('protocol error: not an RTSP message');
      }
      return 0;
    }
    if (end > this.limits.maxHeaderBytes) throw unreachable('protocol error: header too large');
    const head = window.subarray(0, end).toString('latin1');
    const message = this.parseHead(head);
    const lengthText = message.headers.get('content-length');
    let bodyLength = 0;
    if (lengthText !== undefined) {
      if (!/^\s*\d{1,10}\s*$/.test(lengthText)) throw unreachable('protocol error: bad Content-Length');
      bodyLength = Number(lengthText);
      if (bodyLength > this.limits.maxBodyBytes) throw unreachable('protocol error: body too large');
    }
    const total = end + separator + bodyLength;
    if (available < total) return 0;
    message.body = Buffer.from(data.subarray(offset + end + separator, offset + total));
    this.sink.message(message);
    return total;
  }

  private parseHead(head: string): RtspMessage {
    const lines = head.split(/\r?\n/);
    if (lines.length > this.limits.maxHeaderLines + 1) throw unreachable('protocol error: too many headers');
    const startLine = lines[0] ?? '';
    const message: RtspMessage = { headers: new RtspHeaders(), body: Buffer.alloc(0) };
    const status = /^RTSP\/\d\.\d (\d{3})(?: .*)?$/.exec(startLine);
    const request = /^([A-Z_]{1,32}) (\S{1,4096}) RTSP\/\d\.\d$/.exec(startLine);
    if (status) {
      message.status = Number(status[1]);
    } else if (request) {
      message.method = request[1];
    } else {
      throw unreachable('protocol error: bad start line');
    }
    let last: { name: string; value: string } | undefined;
    const fields: { name: string; value: string }[] = [];
    for (const line of lines.slice(1)) {
      if (/^[ \t]/.test(line) && last) {
        last.value += ` ${line.trim()}`; // obsolete line folding
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) throw unreachable('protocol error: bad header line');
      last = { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
      fields.push(last);
    }
    for (const field of fields) message.headers.add(field.name, field.value);
    return message;
  }
}
