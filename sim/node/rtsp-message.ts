// RTSP/1.0 request framing (RFC 2326 6) and response formatting, with limits so a hostile or broken
// client cannot grow our buffers without bound. Interleaved binary data ($, channel, length) from
// the client (RTCP receiver reports over TCP) is framed here too.
export interface RtspRequest {
  method: string;
  uri: string;
  version: string;
  /** Lower-case header names; a repeated header keeps its last value. */
  headers: Map<string, string>;
  body: Buffer;
}

export type RtspInput =
  | { kind: 'request'; request: RtspRequest }
  | { kind: 'interleaved'; channel: number; data: Buffer }
  /** fatal: the stream can no longer be framed and the connection must close after answering. */
  | { kind: 'bad'; reason: string; fatal: boolean; cseq?: string };

export const LIMITS = { requestLine: 2048, headerBlock: 16 * 1024, headerCount: 64, body: 64 * 1024 } as const;

const REQUEST_LINE = /^([A-Za-z_]+) (\S+) (RTSP\/\d\.\d)$/;

export class RtspRequestReader {
  private buffer: Buffer = Buffer.alloc(0);
  private failed = false;

  /** Appends bytes and returns every complete message they finish. */
  push(chunk: Buffer): RtspInput[] {
    if (this.failed) return [];
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: RtspInput[] = [];
    for (;;) {
      const item = this.next();
      if (!item) break;
      out.push(item);
      if (item.kind === 'bad' && item.fatal) {
        this.failed = true;
        this.buffer = Buffer.alloc(0);
        break;
      }
    }
    return out;
  }

  private next(): RtspInput | undefined {
    // Tolerate stray line breaks between messages (some clients send an extra CRLF as a keep-alive).
    let skip = 0;
    while (this.buffer[skip] === 0x0d || this.buffer[skip] === 0x0a) skip += 1;
    const buf = (this.buffer = this.buffer.subarray(skip));
    if (buf.length === 0) return undefined;
    if (buf[0] === 0x24) return this.nextInterleaved();
    const firstLineEnd = buf.indexOf('\n');
    if ((firstLineEnd < 0 ? buf.length : firstLineEnd) > LIMITS.requestLine) {
      return { kind: 'bad', reason: 'request line too long', fatal: true };
    }
    const end = headerEnd(buf);
    if (!end) {
      if (buf.length > LIMITS.headerBlock) return { kind: 'bad', reason: 'header block too large', fatal: true };
      return undefined;
    }
    if (end.headerLength > LIMITS.headerBlock) return { kind: 'bad', reason: 'header block too large', fatal: true };
    const parsed = parseHead(buf.subarray(0, end.headerLength).toString('latin1'));
    const lengthText = parsed.headers.get('content-length') ?? '0';
    const length = /^\d{1,9}$/.test(lengthText) ? Number(lengthText) : Number.NaN;
    const cseq = parsed.headers.get('cseq');
    if (!Number.isFinite(length) || length > LIMITS.body) {
      return { kind: 'bad', reason: 'bad Content-Length', fatal: true, ...(cseq ? { cseq } : {}) };
    }
    if (buf.length < end.bodyStart + length) return undefined;
    const body = Buffer.from(buf.subarray(end.bodyStart, end.bodyStart + length));
    this.buffer = buf.subarray(end.bodyStart + length);
    if (parsed.error || !parsed.request) {
      return { kind: 'bad', reason: parsed.error ?? 'bad request', fatal: false, ...(cseq ? { cseq } : {}) };
    }
    return { kind: 'request', request: { ...parsed.request, headers: parsed.headers, body } };
  }

  private nextInterleaved(): RtspInput | undefined {
    if (this.buffer.length < 4) return undefined;
    const channel = this.buffer[1] ?? 0;
    const length = this.buffer.readUInt16BE(2);
    if (this.buffer.length < 4 + length) return undefined;
    const data = this.buffer.subarray(4, 4 + length);
    this.buffer = this.buffer.subarray(4 + length);
    return { kind: 'interleaved', channel, data };
  }
}

function headerEnd(buf: Buffer): { headerLength: number; bodyStart: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headerLength: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { headerLength: lf, bodyStart: lf + 2 };
  return undefined;
}

interface ParsedHead {
  request?: Omit<RtspRequest, 'headers' | 'body'>;
  headers: Map<string, string>;
  error?: string;
}

function parseHead(text: string): ParsedHead {
  const lines = text.split(/\r?\n/);
  const headers = new Map<string, string>();
  let error: string | undefined;
  if (lines.length - 1 > LIMITS.headerCount) error = 'too many headers';
  for (const line of lines.slice(1, LIMITS.headerCount + 1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      error ??= 'malformed header line';
      continue;
    }
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const match = REQUEST_LINE.exec(lines[0] ?? '');
  if (!match) return { headers, error: 'malformed request line' };
  const [, method = '', uri = '', version = ''] = match;
  return { request: { method: method.toUpperCase(), uri, version }, headers, ...(error ? { error } : {}) };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  459: 'Aggregate Operation Not Allowed',
  461: 'Unsupported Transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'RTSP Version Not Supported',
};

export interface RtspResponse {
  status: number;
  headers?: Record<string, string | number | undefined>;
  body?: string;
}

export function formatResponse(cseq: string | undefined, res: RtspResponse): Buffer {
  const lines = [`RTSP/1.0 ${res.status} ${STATUS_TEXT[res.status] ?? 'Unknown'}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  lines.push('Server: Jharokha camera simulator', `Date: ${new Date().toUTCString()}`);
  for (const [name, value] of Object.entries(res.headers ?? {})) if (value !== undefined) lines.push(`${name}: ${value}`);
  const body = res.body ? Buffer.from(res.body, 'utf8') : undefined;
  if (body) lines.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}
