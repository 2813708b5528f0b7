// A looping test clip, parsed once and shared by every camera that plays it.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { JharokhaError } from '../../common/errors.js';
import {
  type AccessUnit,
  type ParameterSets,
  type VideoCodec,
  findParameterSets,
  groupAccessUnits,
  splitNalUnits,
} from './annexb.js';
import { parseH264Sps } from './h264-sps.js';

export interface Clip {
  readonly path: string;
  readonly codec: VideoCodec;
  readonly frames: readonly AccessUnit[];
  readonly params: ParameterSets;
  readonly fps: number;
  readonly width?: number;
  readonly height?: number;
  /** H.264 only: the SPS's profile_idc, constraint flags and level_idc as six hex digits. */
  readonly profileLevelId?: string;
}

const DEFAULT_FPS = 25;

export function codecFromPath(path: string): VideoCodec {
  return /\.(h265|hevc|265)$/i.test(path) ? 'h265' : 'h264';
}

export function parseClip(path: string, data: Buffer): Clip {
  const codec = codecFromPath(path);
  const nals = splitNalUnits(data);
  const params = findParameterSets(codec, nals);
  if (!params) throw new JharokhaError('Unsupported', `${path}: no parameter sets found`);
  const frames = groupAccessUnits(codec, nals);
  if (!frames[0]?.keyframe) throw new JharokhaError('Unsupported', `${path}: clip must start with a keyframe`);
  if (codec === 'h265') return { path, codec, frames, params, fps: DEFAULT_FPS };
  const sps = parseH264Sps(params.sps);
  return {
    path,
    codec,
    frames,
    params,
    fps: sps.fps && sps.fps > 0 && sps.fps <= 240 ? sps.fps : DEFAULT_FPS,
    width: sps.width,
    height: sps.height,
    profileLevelId: params.sps.subarray(1, 4).toString('hex'),
  };
}

// Keyed by absolute path: 64 cameras playing one file hold one copy of it.
const cache = new Map<string, Promise<Clip>>();

export function loadClip(path: string): Promise<Clip> {
  const key = resolve(path);
  let clip = cache.get(key);
  if (!clip) {
    clip = readFile(key).then((data) => parseClip(key, data));
    // A failed load is not cached, so fixing the file and retrying works.
    clip.catch(() => cache.delete(key));
    cache.set(key, clip);
  }
  return clip;
}
