// RTSP URLs: split credentials from the address so they are never sent in a request line or logged.
import { unreachable } from './errors.js';

export const DEFAULT_RTSP_PORT = 554;

export interface RtspUrl {
  host: string;
  port: number;
  /** The URL without credentials: what goes on the request line. */
  url: string;
  username?: string;
  password?: string;
}

export function parseRtspUrl(input: string): RtspUrl {
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    throw unreachable('invalid RTSP URL');
  }
  if (parsed.protocol !== 'rtsp:') throw unreachable('not an rtsp:// URL');
  // Non-special schemes keep IPv6 brackets in hostname; net.connect wants them off.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw unreachable('RTSP URL has no host');
  const port = parsed.port ? Number(parsed.port) : DEFAULT_RTSP_PORT;
  const username = parsed.username ? safeDecode(parsed.username) : undefined;
  const password = parsed.password ? safeDecode(parsed.password) : undefined;
  return { host, port, url: withoutCredentials(input), username, password };
}

/** The URL with any user:pass removed; unparsable input is returned masked rather than raw. */
export function withoutCredentials(input: string): string {
  try {
    const parsed = new URL(input);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return maskCredentials(input);
  }
}

/** Masks user:pass in every URL inside a piece of text: for logs and error messages. */
export function maskCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*(?:@[^/\s@]*)*@/gi, '$1***@');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
