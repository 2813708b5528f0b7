// Events the engine pushes to a connected renderer.
import { z } from 'zod';
import { errorCodes } from '../errors.js';
import { Alert, AlertId, CallBoxSummary } from '../domain/alert.js';
import { CameraId, StreamState } from '../domain/camera.js';
import { ProbeResult } from '../domain/camera-probe.js';
import { WallControl, WallDefinition, WallId, WallLayout, WallSpans, WallTour } from '../domain/wall.js';

const MediasoupObject = z.record(z.string(), z.unknown());

export const events = {
  /** A watch's camera stream changed state; detail says why in words an operator can act on. */
  'watch.state': z.object({
    watchId: z.string(),
    cameraId: CameraId,
    state: StreamState,
    detail: z.string().max(500).optional(),
  }),
  /**
   * A consumer for this watch exists (paused): create it client-side, then send watch.resume.
   * A camera already being forwarded also offers a fast start: a second consumer, for this watch
   * alone, that opens with the camera's current GOP (so a picture comes at once, not at the next
   * keyframe) and runs until the shared consumer starts; create both before watch.resume.
   */
  'watch.consumer': z.object({
    watchId: z.string(),
    consumerId: z.string(),
    producerId: z.string(),
    kind: z.enum(['audio', 'video']),
    rtpParameters: MediasoupObject,
    fastStart: z.object({ consumerId: z.string(), producerId: z.string(), rtpParameters: MediasoupObject }).optional(),
  }),
  /**
   * The fast start has sent its last packet: the shared consumer starts on the keyframe that came
   * next ('keyframe'), or there was none to send ('no-gop', 'busy': it starts on the next one).
   */
  'watch.fastStartEnded': z.object({ watchId: z.string(), reason: z.enum(['keyframe', 'no-gop', 'busy', 'timeout', 'closed', 'lost']) }),
  /** The server closed this watch's consumer (camera removed, transport gone). */
  'watch.closed': z.object({ watchId: z.string(), reason: z.string() }),
  /**
   * One of this socket's WebRTC transports is gone on the engine side (its mediasoup worker died):
   * the page builds a new one at once rather than waiting for ICE to time out.
   */
  'media.transportClosed': z.object({ transportId: z.string(), reason: z.string().max(200) }),
  /** A part of the media plane died and was restarted; consoles show it in one line. */
  'media.restarted': z.object({
    part: z.enum(['media worker', 'ingest shard']),
    index: z.number().int().nonnegative(),
    at: z.number(),
    detail: z.string().max(200),
  }),
  /** A frame the engine could not take as a request (no usable id to answer): said once, then dropped. */
  'protocol.error': z.object({ code: z.enum(errorCodes), message: z.string().max(500) }),
  /** A wall display's layout changed (any console may change it). */
  'wall.layout': WallLayout,
  /** A wall was defined or redefined (setup.saveWall). */
  'wall.defined': WallDefinition,
  /** A wall's spans changed: displays under a span show its part of the camera (see wall.view). */
  'wall.spans': WallSpans,
  /** Who holds a wall's control lease now (holder null: nobody, or it lapsed). */
  'wall.control': WallControl,
  /** A wall's tour started, moved to its next step (tour) or ended (tour null, with why). */
  'wall.tour': z.object({ wallId: WallId, tour: WallTour.nullable(), reason: z.string().max(500).optional() }),
  /**
   * Sent by a workstation's engine when a socket opens: "site" (everything goes to the site server)
   * or "local" (the site is unreachable: cameras come straight from this workstation, actions wait
   * in its outbox). A change of mode closes the socket; the page reconnects into the new mode.
   */
  'site.status': z.object({
    mode: z.enum(['site', 'local']),
    /** When the current mode began (engine time). */
    since: z.number().int(),
    /** Actions recorded in the outbox and not yet accepted by the site. */
    pendingActions: z.number().int().nonnegative(),
    /** When the cache last caught up with the site (absent: never). */
    syncedAt: z.number().int().optional(),
  }),
  /** An alert changed state (consoles: every alert; a kiosk: its own box's only). */
  'alert.changed': Alert,
  /** A box came online or went offline. */
  'box.changed': CallBoxSummary,
  /** The other side of a call is producing: create this consumer, then call.resumeConsumer. */
  'call.consumer': z.object({
    alertId: AlertId,
    consumerId: z.string(),
    producerId: z.string(),
    kind: z.enum(['audio', 'video']),
    rtpParameters: MediasoupObject,
  }),
  'call.consumerClosed': z.object({ consumerId: z.string() }),
  /** One camera of a setup.probeCameras job probed (with its result), or the job over (finished). */
  'setup.probeProgress': z.object({
    jobId: z.string().uuid(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    result: ProbeResult.optional(),
    finished: z.boolean(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventData<E extends EventName> = z.infer<(typeof events)[E]>;
