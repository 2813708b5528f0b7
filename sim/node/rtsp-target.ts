// What a request URL names: rtsp://host:port/<cameraId>/<main|sub>[/trackID=1].
import type { StreamName } from './sim-session.js';

export const TRACK = 'trackID=1';

export interface RtspTarget {
  cameraId: string;
  stream: StreamName;
  /** The path segment after the stream, if any: only TRACK names a real track. */
  track?: string;
  /** The aggregate URL with a trailing slash, as the client spelled the host (Content-Base). */
  base: string;
  trackUrl: string;
}

/** 'bad': not a URL at all (400); undefined: a URL that names nothing here (404). */
export function parseTarget(uri: string): RtspTarget | 'bad' | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'bad';
  }
  if (url.protocol !== 'rtsp:') return 'bad';
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter((s) => s.length > 0).map(decodeURIComponent);
  } catch {
    return 'bad';
  }
  const [cameraId, stream, track, ...rest] = segments;
  if (!cameraId || (stream !== 'main' && stream !== 'sub') || rest.length > 0) return undefined;
  const base = `rtsp://${url.host}/${encodeURIComponent(cameraId)}/${stream}/`;
  return { cameraId, stream, ...(track !== undefined ? { track } : {}), base, trackUrl: base + TRACK };
}
