// Probing the cameras of the inventory: where each stream is and its credentials come from the
// camera store, the measuring from the media plane's stream probe (sfu/). Many cameras at once
// run as a ProbeBatch (probe-batch.ts).
import type { ProbeResult } from '../../../../common/domain/camera-probe.js';
import type { StreamKind } from '../../../../common/domain/camera.js';
import { JharokhaError } from '../../../../common/errors.js';
import { probeStream, type StreamProbeOptions } from '../../../../sfu/index.js';
import type { CameraRepo } from '../store/camera-repo.js';

export type ProbeTuning = Pick<StreamProbeOptions, 'timeoutMs' | 'minWindowMs' | 'localAddress'>;

export async function probeCamera(
  cameras: Pick<CameraRepo, 'endpoint'>,
  cameraId: string,
  stream: StreamKind,
  tuning: ProbeTuning & { signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  let endpoint;
  try {
    endpoint = cameras.endpoint(cameraId, stream);
  } catch (error) {
    if (!(error instanceof JharokhaError) || error.code !== 'NotFound') throw error;
    const detail = error.message.includes(' has no ') ? `no ${stream} stream configured` : 'no such camera';
    return { cameraId, stream, status: 'unsupported', detail, keyframesSeen: 0, playable: false, warnings: [], elapsedMs: 0 };
  }
  const result = await probeStream({ ...endpoint, ...tuning });
  return { cameraId, stream, ...result };
}
