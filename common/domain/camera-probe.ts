import { z } from 'zod';
import { CameraId, StreamKind } from './camera.js';

/**
 * How a probe of one camera stream ended. ok: connected and measured video (which may still be
 * unplayable, see `playable`); otherwise the reason an installer acts on.
 */
export const probeStatuses = ['ok', 'unauthorized', 'unreachable', 'unsupported', 'timeout'] as const;
export const ProbeStatus = z.enum(probeStatuses);
export type ProbeStatus = z.infer<typeof ProbeStatus>;

/** What a probe measured on one stream. Facts it could not learn are absent, and a warning says why. */
export const ProbeResult = z.object({
  cameraId: CameraId,
  stream: StreamKind,
  status: ProbeStatus,
  /** Why a probe failed, in words an installer can act on (never the URL or credentials). */
  detail: z.string().max(300).optional(),
  codec: z.enum(['H264', 'H265', 'other']).optional(),
  /** As the camera's SDP names it, e.g. "H264", "H265", "JPEG". */
  encodingName: z.string().max(32).optional(),
  /** Profile and level from the SPS, e.g. "Constrained Baseline 3.1", "Main 3.1". */
  profile: z.string().max(60).optional(),
  width: z.number().int().positive().max(16384).optional(),
  height: z.number().int().positive().max(16384).optional(),
  /** Measured from the RTP timestamps of distinct frames, not taken from the SDP. */
  fps: z.number().positive().max(1000).optional(),
  /** Measured time between keyframes (IDR; IRAP for H.265), in seconds. */
  keyframeIntervalS: z.number().positive().max(3600).optional(),
  keyframesSeen: z.number().int().nonnegative(),
  bitrateKbps: z.number().nonnegative().optional(),
  /** Live H.264 video: what the consoles and the wall can show. */
  playable: z.boolean(),
  warnings: z.array(z.string().max(300)).max(10),
  elapsedMs: z.number().int().nonnegative(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

/** A probe's findings before they are tied to a camera. */
export type StreamProbeResult = Omit<ProbeResult, 'cameraId' | 'stream'>;
