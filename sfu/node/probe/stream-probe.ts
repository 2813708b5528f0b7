// An installer's look at one camera stream: connect with the ingest's own RTSP client, read the
// codec and picture size from the SDP (or in-band SPS), and measure frame rate and keyframe
// interval from the RTP that arrives. Never throws: every outcome is a result with a status.
import type { ProbeStatus, StreamProbeResult } from '../../../common/domain/camera-probe.js';
import { createLogger } from '../../../common/logger.js';
import { parseH264Sps } from '../codec/h264-sps.js';
import { parseH265Sps } from '../codec/h265-sps.js';
import type { SpsInfo } from '../codec/sps-info.js';
import { RtspClient } from '../rtsp/client.js';
import { failureOf } from '../rtsp/errors.js';
import { readRtp } from '../rtsp/rtp-packet.js';
import type { VideoTrack } from '../rtsp/sdp.js';
import { withoutCredentials } from '../rtsp/url.js';
import { FrameMeter } from './frame-meter.js';

const log = createLogger('stream-probe');

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
/** Longer than this between keyframes and a new viewer waits too long for a first picture. */
const LONG_KEYFRAME_INTERVAL_S = 3;
const BASIC_WARNING =
  'the camera asks for Basic authentication: its password crosses the network readable; turn on Digest in the camera if it has it';

export interface StreamProbeOptions {
  url: string;
  username?: string;
  password?: string;
  allowBasicAuth?: boolean;
  transport: 'tcp' | 'udp';
  /** The whole probe, connecting included (default 10 s, at most 60 s). */
  timeoutMs?: number;
  /** Once two keyframes are in, keep measuring until this much video time has passed (default 1 s). */
  minWindowMs?: number;
  /** Aborting ends the probe early with what it measured so far. */
  signal?: AbortSignal;
  localAddress?: string;
}

export async function probeStream(options: StreamProbeOptions): Promise<StreamProbeResult> {
  const started = Date.now();
  const timeoutMs = Math.max(200, Math.min(options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, 60_000));
  const within = `within ${seconds(timeoutMs)} s`;
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  const onOuterAbort = (): void => abort.abort();
  if (options.signal?.aborted) abort.abort();
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const elapsed = (): number => Date.now() - started;
  try {
    let client: RtspClient;
    try {
      client = await RtspClient.connect({
        url: options.url,
        username: options.username,
        password: options.password,
        allowBasicAuth: options.allowBasicAuth,
        transport: options.transport,
        requestTimeoutMs: Math.min(5000, timeoutMs),
        localAddress: options.localAddress,
        signal: abort.signal,
        codecs: ['H264', 'H265', 'other'],
      });
    } catch (error) {
      const { status, detail } = timedOut ? { status: 'timeout' as const, detail: `no answer ${within}` } : classify(error);
      return failed(status, detail, elapsed());
    }
    const { track } = client;
    if (track.codec === 'other') {
      client.close();
      const detail = `${track.encodingName} video: cameras must send H.264`;
      return { ...failed('unsupported', detail, elapsed()), codec: 'other', encodingName: track.encodingName };
    }
    const meter = new FrameMeter(track.codec, track.clockRate);
    const minWindowS = Math.max(0, options.minWindowMs ?? 1000) / 1000;
    const closeError = await new Promise<string | undefined>((resolve) => {
      client.on('rtp', (packet) => {
        const view = readRtp(packet);
        if (!view) return;
        meter.push(view, Date.now());
        if (meter.keyframes >= 2 && meter.spanS >= minWindowS) resolve(undefined);
      });
      // Our own abort (time is up) closes the connection too: that is the end of the window, not a failure.
      client.on('close', (error) => resolve(abort.signal.aborted ? undefined : error ? failureOf(error).detail : 'connection closed'));
      abort.signal.addEventListener('abort', () => resolve(undefined), { once: true });
    });
    client.close();
    const result = describe(track, meter, { closeError, within, elapsedMs: elapsed() });
    return client.authScheme === 'basic' ? { ...result, warnings: [BASIC_WARNING, ...result.warnings].slice(0, 10) } : result;
  } catch (error) {
    log.error(`${withoutCredentials(options.url)}: probe failed internally`, error);
    return failed('unreachable', 'internal error', elapsed());
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function describe(
  track: VideoTrack,
  meter: FrameMeter,
  end: { closeError: string | undefined; within: string; elapsedMs: number },
): StreamProbeResult {
  const codec = track.codec;
  const warnings: string[] = [];
  const base = { codec, encodingName: track.encodingName, elapsedMs: end.elapsedMs, keyframesSeen: meter.keyframes };
  if (meter.frames === 0) {
    const status: ProbeStatus = end.closeError ? 'unreachable' : 'timeout';
    const detail = end.closeError ? `closed before any video: ${end.closeError}` : `connected, but no video ${end.within}`;
    return { ...base, status, detail, playable: false, warnings };
  }
  const sps = readSps(track, meter, warnings);
  const fps = meter.fps();
  const keyframeIntervalS = meter.keyframeIntervalS();
  if (codec === 'H265') warnings.push('H.265: the consoles and the wall cannot play it; set the camera to H.264');
  if (fps === undefined) warnings.push('frame rate unknown: too few frames or unusable RTP timestamps');
  if (meter.keyframes === 0) warnings.push(`no keyframe ${end.within}: a viewer would see no picture`);
  else if (keyframeIntervalS === undefined) warnings.push(`keyframe interval not seen ${end.within} (only one keyframe)`);
  else if (keyframeIntervalS > LONG_KEYFRAME_INTERVAL_S) {
    warnings.push(`a keyframe every ${keyframeIntervalS} s: a new viewer may wait that long for a picture; 1-2 s is best`);
  }
  if (end.closeError) warnings.push(`the camera ended the stream early: ${end.closeError}`);
  return {
    ...base,
    status: 'ok',
    ...(sps ? { width: sps.width, height: sps.height, profile: sps.profile } : {}),
    ...(fps !== undefined ? { fps } : {}),
    ...(keyframeIntervalS !== undefined ? { keyframeIntervalS } : {}),
    ...optional('bitrateKbps', meter.bitrateKbps()),
    playable: codec === 'H264' && meter.keyframes > 0,
    warnings: warnings.slice(0, 10),
  };
}

/** The in-band SPS wins over the SDP's: an SDP can be stale after the camera was reconfigured. */
function readSps(track: VideoTrack, meter: FrameMeter, warnings: string[]): SpsInfo | undefined {
  const sps = meter.inBandSps ?? track.sps[0];
  if (!sps) {
    warnings.push('resolution unknown: no SPS in the SDP or the stream');
    return undefined;
  }
  try {
    return track.codec === 'H265' ? parseH265Sps(sps) : parseH264Sps(sps);
  } catch (error) {
    warnings.push(`resolution unknown: SPS unreadable (${(error as Error).message})`.slice(0, 300));
    return undefined;
  }
}

function classify(error: unknown): { status: ProbeStatus; detail: string } {
  const { state, detail } = failureOf(error);
  // The RTSP client reports a silent camera as unreachable; to an installer it is a timeout.
  if (state === 'unreachable' && /^timeout/.test(detail)) return { status: 'timeout', detail };
  return { status: state, detail };
}

function failed(status: ProbeStatus, detail: string, elapsedMs: number): StreamProbeResult {
  return { status, detail: detail.slice(0, 300), keyframesSeen: 0, playable: false, warnings: [], elapsedMs };
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

function seconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(1);
}
