// Glass-to-glass on loopback, minus the glass: from a frame's packets leaving the simulator to that
// frame received, presented and expected on screen in Chromium (requestVideoFrameCallback).
// A decoded frame's RTP timestamp is mapped back to the simulator's send time: exactly for our
// engine (its ingest keeps the camera's timestamps until a reconnect; a frame that does not map is
// counted, not guessed), by one anchor for forwarders that rebase timestamps to start near zero
// (Janus): the first frame a viewer presents is a key frame, so it is the last key frame the
// simulator sent before it arrived, which fixes the viewer's offset for all the others.
import type { ProbeVideo } from './probe.js';
import type { SendLog } from './send-log.js';
import { spread, type Spread } from './stats.js';

export interface LatencySummary {
  /** Send → last packet of the frame received (rVFC receiveTime). */
  toReceive: Spread;
  /** Send → frame handed to the compositor (rVFC presentationTime). */
  toPresented: Spread;
  /** Send → the frame's expected display time (rVFC expectedDisplayTime). */
  toDisplay: Spread;
  /** Frames whose RTP timestamp could not be mapped to a send time. */
  unmatched: number;
}

export type SendTimeOf = (video: ProbeVideo) => ((rtp: number) => number | undefined) | undefined;

/** Our engine: the browser sees the simulator session's own RTP timestamps. */
export const exactSendTimes =
  (sendLog: SendLog, stream = 'main'): SendTimeOf =>
  (video) =>
  (rtp) =>
    sendLog.sentAt(video.cameraId, rtp, stream);

/** A forwarder that rebases each viewer's timestamps: anchor on the viewer's first (key) frame. */
export const anchoredSendTimes =
  (sendLog: SendLog, cameraIdOf: (video: ProbeVideo) => string, stream = 'main'): SendTimeOf =>
  (video) => {
    const first = video.first;
    if (!first || first.rtp === null) return undefined;
    const arrived = first.recv ?? first.pres;
    const cameraId = cameraIdOf(video);
    const key = sendLog.keyframeBefore(cameraId, arrived, stream);
    if (!key) return undefined;
    const offset = (key.rtp - first.rtp) >>> 0;
    return (rtp) => sendLog.sentAt(cameraId, (rtp + offset) >>> 0, stream);
  };

export function summarizeLatency(videos: readonly ProbeVideo[], sendTimeOf: SendTimeOf): LatencySummary {
  const receive: number[] = [];
  const presented: number[] = [];
  const display: number[] = [];
  let unmatched = 0;
  for (const video of videos) {
    const sentAt = sendTimeOf(video);
    for (const frame of video.frames) {
      const sent = frame.rtp === null || !sentAt ? undefined : sentAt(frame.rtp);
      if (sent === undefined) {
        unmatched++;
        continue;
      }
      if (frame.recv !== null) receive.push(frame.recv - sent);
      presented.push(frame.pres - sent);
      display.push(frame.exp - sent);
    }
  }
  return { toReceive: spread(receive), toPresented: spread(presented), toDisplay: spread(display), unmatched };
}
