// A simulated camera: its configuration, its streams, and the state tests drive it into.
import { JharokhaError } from '../../common/errors.js';
import { loadClip } from './clip.js';
import { CameraStream } from './camera-stream.js';
import type { CameraAuth } from './rtsp-auth.js';
import { DEFAULT_MAX_PAYLOAD, OVERSIZED_MAX_PAYLOAD } from './rtp-packetizer.js';
import type { StreamName } from './sim-session.js';

export interface SimCameraConfig {
  id: string;
  /** Clip path for the main stream (.h264 or .h265 Annex-B). */
  main: string;
  sub?: string;
  auth?: CameraAuth;
  /** Over TCP, send single-NAL packets up to ~8000 bytes instead of fragmenting at 1200. */
  oversizedPackets?: boolean;
}

/** running: normal; frozen: connections stay, no packets; stopped: sessions cut, requests get 503. */
export type SimCameraState = 'running' | 'frozen' | 'stopped';

export class SimCamera {
  state: SimCameraState = 'running';

  private constructor(
    readonly config: SimCameraConfig,
    readonly streams: ReadonlyMap<StreamName, CameraStream>,
  ) {}

  static async create(config: SimCameraConfig): Promise<SimCamera> {
    if (!/^[A-Za-z0-9._~-]{1,64}$/.test(config.id)) throw new JharokhaError('BadRequest', `camera id must be URL-safe: ${config.id}`);
    const tcpMax = config.oversizedPackets ? OVERSIZED_MAX_PAYLOAD : DEFAULT_MAX_PAYLOAD;
    const streams = new Map<StreamName, CameraStream>();
    streams.set('main', new CameraStream(config.id, 'main', await loadClip(config.main), tcpMax));
    if (config.sub) streams.set('sub', new CameraStream(config.id, 'sub', await loadClip(config.sub), tcpMax));
    return new SimCamera(config, streams);
  }

  setFrozen(frozen: boolean): void {
    for (const stream of this.streams.values()) stream.frozen = frozen;
  }
}
