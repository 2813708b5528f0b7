// What one tile shows, as a small reducer over what it is told (its watch's facts: engine events,
// failures, the connection; and visibility). The engine's StreamState stays the source of truth for
// the camera; the tile adds "idle" (no camera) and "paused" (hidden, so not forwarded) on top.
import type { StreamState } from '../../../common/domain/camera.js';
import type { ErrorCode } from '../../../common/errors.js';
import type { WatchFact, WatchStatus } from '../media/watch-status.js';

export const tileStatuses = [
  'idle',
  'connecting',
  'live',
  'catching-up',
  'stalled',
  'unauthorized',
  'unreachable',
  'unsupported',
  'paused',
] as const;
export type TileStatus = (typeof tileStatuses)[number];

export interface TileModel {
  readonly cameraId: string | null;
  /** The camera stream as last reported (or inferred from a failure). */
  readonly stream: StreamState;
  /** Hidden by the grid's visibility policy. */
  readonly paused: boolean;
  /** Why, in words an operator can act on; shown under the headline. */
  readonly detail: string | null;
  /** Showing the fast start's replay of the current GOP, not yet the live stream. */
  readonly catchingUp: boolean;
}

export type TileAction =
  | { type: 'assign'; cameraId: string | null }
  | { type: 'visibility'; visible: boolean }
  | { type: 'catching-up'; catchingUp: boolean }
  | WatchFact;

export const idleTile: TileModel = { cameraId: null, stream: 'connecting', paused: false, detail: null, catchingUp: false };

/** A tile's model for its watch's status; with no watch yet (just assigned, or empty), for its camera alone. */
export function tileModelOf(cameraId: string | null, status: WatchStatus | null): TileModel {
  const assigned = reduceTile(idleTile, { type: 'assign', cameraId });
  if (!status) return assigned;
  const told = status.fact ? reduceTile(assigned, status.fact) : assigned;
  const shown = reduceTile(told, { type: 'catching-up', catchingUp: status.catchingUp });
  return reduceTile(shown, { type: 'visibility', visible: status.visible });
}

export function reduceTile(model: TileModel, action: TileAction): TileModel {
  switch (action.type) {
    case 'assign':
      return { cameraId: action.cameraId, stream: 'connecting', paused: false, detail: null, catchingUp: false };
    case 'catching-up':
      return model.catchingUp === action.catchingUp ? model : { ...model, catchingUp: action.catchingUp };
    case 'engine-state':
      return { ...model, stream: action.state, detail: action.detail ?? null };
    case 'visibility':
      return model.paused === !action.visible ? model : { ...model, paused: !action.visible };
    case 'engine-lost':
      // Said once: every failed reconnect attempt repeats it, and must not re-render every tile.
      if (model.stream === 'connecting' && model.detail === action.reason) return model;
      return { ...model, stream: 'connecting', detail: action.reason };
    case 'start-failed':
      return { ...model, ...failureFromCode(action.code, action.message) };
    case 'consume-failed':
      // The browser refused the consumer: in practice a codec it cannot decode.
      return { ...model, stream: 'unsupported', detail: action.message };
    case 'closed':
      return { ...model, stream: 'unreachable', detail: `stream closed by engine: ${action.reason}` };
  }
}

function failureFromCode(code: ErrorCode | null, message: string): Pick<TileModel, 'stream' | 'detail'> {
  switch (code) {
    case 'CameraUnauthorized':
    case 'Unauthorized':
    case 'Forbidden':
      return { stream: 'unauthorized', detail: message };
    case 'Unsupported':
      return { stream: 'unsupported', detail: message };
    case 'CameraUnreachable':
    case 'NotFound':
      return { stream: 'unreachable', detail: message };
    default:
      // Timeouts, engine hiccups: the watch is retried, so say we are still trying.
      return { stream: 'connecting', detail: message };
  }
}

export function tileStatus(model: TileModel): TileStatus {
  if (model.cameraId === null) return 'idle';
  if (model.paused) return 'paused';
  if (model.stream === 'live' && model.catchingUp) return 'catching-up';
  return model.stream;
}

/** The big words on a tile: they must be readable from across the room. */
export function tileHeadline(status: TileStatus, detail: string | null): string {
  switch (status) {
    case 'idle':
      return 'NO CAMERA';
    case 'connecting':
      return 'CONNECTING…';
    case 'live':
      return 'LIVE';
    case 'catching-up':
      return 'CATCHING UP';
    case 'stalled':
      return 'STALLED — reconnecting';
    case 'unauthorized':
      return 'UNAUTHORIZED';
    case 'unreachable':
      return 'UNREACHABLE';
    case 'unsupported':
      // A short engine detail is usually the codec ("H.265"): say it in the headline.
      return detail && detail.length <= 24 ? `UNSUPPORTED: ${detail}` : 'UNSUPPORTED';
    case 'paused':
      return 'PAUSED (not visible)';
  }
}

/** The smaller line under the headline, or null when the headline already says it all. */
export function tileDetailLine(status: TileStatus, detail: string | null): string | null {
  if (detail === null || status === 'idle' || status === 'paused') return null;
  if (status === 'unsupported' && detail.length <= 24) return null;
  return detail;
}
