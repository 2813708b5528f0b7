// The RTSP headers whose values we read: Session, Transport and Public.

export const DEFAULT_SESSION_TIMEOUT_S = 60;

export interface SessionHeader {
  id: string;
  timeoutS: number;
}

export function parseSession(value: string | undefined): SessionHeader | undefined {
  if (!value) return undefined;
  const [id = '', ...params] = value.split(';').map((part) => part.trim());
  // Session ids are opaque but must be safe to echo back on a header line.
  if (!/^[\x21-\x7e]{1,256}$/.test(id)) return undefined;
  let timeoutS = DEFAULT_SESSION_TIMEOUT_S;
  for (const param of params) {
    const match = /^timeout\s*=\s*(\d{1,6})$/i.exec(param);
    if (match && Number(match[1]) > 0) timeoutS = Number(match[1]);
  }
  return { id, timeoutS };
}

export interface TransportReply {
  tcp: boolean;
  interleaved?: [number, number];
  serverPort?: [number, number];
  source?: string;
}

export function parseTransport(value: string | undefined): TransportReply | undefined {
  if (!value) return undefined;
  // A server may list several; the first is the one it chose.
  const first = value.split(',')[0] ?? '';
  const parts = first.split(';').map((part) => part.trim());
  const profile = (parts[0] ?? '').toUpperCase();
  if (!profile.startsWith('RTP/AVP')) return undefined;
  const reply: TransportReply = { tcp: profile === 'RTP/AVP/TCP' };
  for (const part of parts.slice(1)) {
    const [key = '', raw = ''] = part.split('=', 2).map((s) => s.trim());
    const lower = key.toLowerCase();
    if (lower === 'interleaved') reply.interleaved = parseRange(raw, 255);
    else if (lower === 'server_port') reply.serverPort = parseRange(raw, 65535);
    else if (lower === 'source' && /^[0-9a-fA-F.:]{2,45}$/.test(raw)) reply.source = raw;
  }
  return reply;
}

/** "a-b" or "a" (then b = a + 1), each within 0..max. */
function parseRange(value: string, max: number): [number, number] | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  if (!match) return undefined;
  const a = Number(match[1]);
  const b = match[2] !== undefined ? Number(match[2]) : a + 1;
  return a <= max && b <= max ? [a, b] : undefined;
}

/** Whether an OPTIONS reply's Public header lists a method. */
export function listsMethod(publicHeader: string | undefined, method: string): boolean {
  return (publicHeader ?? '').split(',').some((m) => m.trim().toUpperCase() === method);
}
