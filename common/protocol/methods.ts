// Requests the renderer may send, with their params and results. mediasoup's own parameter
// objects (capabilities, DTLS, RTP parameters) are checked for shape here and in depth by mediasoup.
import { z } from 'zod';
import { CameraCategory, CameraId, CameraSummary, StreamKind } from '../domain/camera.js';
import { WallDisplayRef, WallLayout } from '../domain/wall.js';

const MediasoupObject = z.record(z.string(), z.unknown());
const TransportId = z.string().uuid();
const WatchId = z.string().min(1).max(64);

export const methods = {
  'cameras.search': {
    params: z.object({
      text: z.string().max(200).default(''),
      category: CameraCategory.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({ cameras: z.array(CameraSummary), total: z.number().int() }),
  },
  /** Summaries for known ids (a wall knows its tiles' camera ids, and shows their names). */
  'cameras.get': {
    params: z.object({ ids: z.array(CameraId).max(64) }),
    result: z.object({ cameras: z.array(CameraSummary) }),
  },
  'media.routerCapabilities': {
    params: z.object({}).default({}),
    result: z.object({ rtpCapabilities: MediasoupObject }),
  },
  'media.createRecvTransport': {
    params: z.object({}).default({}),
    result: z.object({
      id: TransportId,
      iceParameters: MediasoupObject,
      iceCandidates: z.array(MediasoupObject),
      dtlsParameters: MediasoupObject,
    }),
  },
  'media.connectTransport': {
    params: z.object({ transportId: TransportId, dtlsParameters: MediasoupObject }),
    result: z.object({}),
  },
  /** Start watching a camera stream: the engine pulls it on demand and pushes watch.* events. */
  'watch.start': {
    params: z.object({
      transportId: TransportId,
      cameraId: CameraId,
      stream: StreamKind,
      rtpCapabilities: MediasoupObject,
    }),
    result: z.object({ watchId: WatchId }),
  },
  /** The client's consumer exists and its track is attached: start sending media. */
  'watch.resume': { params: z.object({ watchId: WatchId }), result: z.object({}) },
  /** Tile hidden: keep the pull, stop forwarding to this viewer. */
  'watch.pause': { params: z.object({ watchId: WatchId }), result: z.object({}) },
  'watch.stop': { params: z.object({ watchId: WatchId }), result: z.object({}) },
  /** What a wall display shows now; the engine pushes wall.layout when it changes. */
  'wall.get': { params: WallDisplayRef, result: WallLayout },
  'wall.set': { params: WallLayout, result: z.object({}) },
} as const;

export type MethodName = keyof typeof methods;
export type MethodParams<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
