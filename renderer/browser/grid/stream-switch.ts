// Changing a tile's stream without a black frame: the new watch's video decodes unseen beneath the
// old one, and only once it has presented a frame does it take over and the old watch stop. Pure
// over any handle with a camera and a stream, so the rules are testable without media.
import type { StreamKind } from '../../../common/domain/camera.js';

export interface SwitchableWatch {
  readonly cameraId: string;
  readonly stream: StreamKind;
}

export interface TileWatchState<H extends SwitchableWatch> {
  /** The watch whose video the tile shows. */
  readonly active: H | null;
  /** Whether the active watch has presented a frame: only then is there a picture worth keeping. */
  readonly shown: boolean;
  /** The watch being readied to replace the active one. */
  readonly pending: H | null;
  /** A stream whose switch gave up; not tried again until the wanted stream changes. */
  readonly refused: StreamKind | null;
}

export const emptyTileWatch: TileWatchState<never> = { active: null, shown: false, pending: null, refused: null };

/**
 * keep: nothing to do. assign: replace everything now (new camera, cleared tile, or nothing shown
 * yet). prepare: start a watch of the wanted stream beside the active one. cancel: drop the
 * pending watch (the tile wants its active stream again, or cannot be seen).
 */
export type SwitchPlan = 'keep' | 'assign' | 'prepare' | 'cancel';

export function planSwitch<H extends SwitchableWatch>(
  state: TileWatchState<H>,
  cameraId: string | null,
  wanted: StreamKind,
  visible: boolean,
): SwitchPlan {
  const { active, pending } = state;
  if (cameraId === null) return active || pending ? 'assign' : 'keep';
  if (!active || active.cameraId !== cameraId) return 'assign';
  if (active.stream === wanted) return pending || state.refused ? 'cancel' : 'keep';
  // A hidden tile keeps its stream: it decodes nothing, and a paused switch would never finish.
  if (!visible) return pending ? 'cancel' : 'keep';
  if (pending?.stream === wanted || state.refused === wanted) return 'keep';
  return state.shown ? 'prepare' : 'assign';
}

export type SwitchAction<H> =
  | { type: 'assign'; handle: H | null }
  | { type: 'prepare'; handle: H }
  | { type: 'cancel' }
  | { type: 'presented'; handle: H }
  | { type: 'failed'; handle: H };

export interface SwitchStep<H extends SwitchableWatch> {
  readonly state: TileWatchState<H>;
  /** Watches to stop, after the tile has drawn the new state (so the old picture is gone first). */
  readonly stop: readonly H[];
}

export function reduceSwitch<H extends SwitchableWatch>(state: TileWatchState<H>, action: SwitchAction<H>): SwitchStep<H> {
  const others = (...handles: Array<H | null>): H[] => handles.filter((h): h is H => h !== null);
  switch (action.type) {
    case 'assign': {
      const stop = others(state.active, state.pending).filter((h) => h !== action.handle);
      return { state: { active: action.handle, shown: false, pending: null, refused: null }, stop };
    }
    case 'prepare':
      return { state: { ...state, pending: action.handle }, stop: others(state.pending).filter((h) => h !== action.handle) };
    case 'cancel':
      return { state: { ...state, pending: null, refused: null }, stop: others(state.pending) };
    case 'presented':
      if (action.handle === state.active) return { state: state.shown ? state : { ...state, shown: true }, stop: [] };
      if (action.handle === state.pending) {
        return { state: { active: action.handle, shown: true, pending: null, refused: null }, stop: others(state.active) };
      }
      return { state, stop: [] };
    case 'failed':
      if (action.handle !== state.pending) return { state, stop: [] };
      return { state: { ...state, pending: null, refused: action.handle.stream }, stop: [action.handle] };
  }
}
