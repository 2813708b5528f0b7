// A probe result in the words of the results table: what the stream is, or why it could not be
// measured. Facts the probe could not learn are shown as a dash, never guessed.
import type { ProbeResult, ProbeStatus } from '../../../common/domain/camera-probe.js';

const failures: Record<Exclude<ProbeStatus, 'ok'>, string> = {
  unauthorized: 'Refused: wrong user name or password',
  unreachable: 'Unreachable',
  unsupported: 'Unsupported stream',
  timeout: 'No video in time',
};

export interface ProbeRow {
  codec: string;
  resolution: string;
  fps: string;
  keyframeInterval: string;
  /** "Plays on the consoles", or why not, or the failure. */
  verdict: string;
  ok: boolean;
  /** What the probe noticed besides (e.g. a long keyframe interval). */
  warnings: readonly string[];
}

const DASH = '—';

export function describeProbe(result: ProbeResult): ProbeRow {
  if (result.status !== 'ok') {
    const reason = failures[result.status];
    return {
      codec: DASH,
      resolution: DASH,
      fps: DASH,
      keyframeInterval: DASH,
      verdict: result.detail ? `${reason}: ${result.detail}` : reason,
      ok: false,
      warnings: result.warnings,
    };
  }
  const codecName = result.encodingName ?? result.codec ?? DASH;
  return {
    codec: result.profile ? `${codecName} ${result.profile}` : codecName,
    resolution: result.width && result.height ? `${result.width}×${result.height}` : DASH,
    fps: result.fps === undefined ? DASH : result.fps.toFixed(1).replace(/\.0$/, ''),
    keyframeInterval: result.keyframeIntervalS === undefined ? DASH : `${result.keyframeIntervalS.toFixed(1)} s`,
    verdict: result.playable ? 'Plays on the consoles' : `Will not play on the consoles${result.codec === 'H265' ? ' (H.265: set the camera to H.264)' : ''}`,
    ok: result.playable,
    warnings: result.warnings,
  };
}
