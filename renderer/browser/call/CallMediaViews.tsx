// The other side's face and voice, and this side's own preview: the same on a kiosk and a console.
// The counters (frames decoded, audio packets received) prove media flows, to the end-to-end tests
// and to anyone debugging a silent call.
import type { CallMedia } from '../media/call-media.js';
import { useInboundAudioStats, useInboundStats } from '../tiles/use-inbound-stats.js';
import { useCallMediaSnapshot } from './use-call-media.js';
import { useMediaElement } from './use-media-element.js';

export const CALL_STATS_INTERVAL_MS = 500;

export function CallRemoteVideo({ media, label }: { media: CallMedia; label: string }) {
  useCallMediaSnapshot(media);
  const { containerRef } = useMediaElement(media, 'remote-video');
  const stats = useInboundStats(media.remoteStats('video'), CALL_STATS_INTERVAL_MS);
  const hasTrack = media.remoteTrack('video') !== null;
  return (
    <div className="call-remote" data-testid="call-remote-video" data-frames-decoded={stats?.framesDecoded ?? 0}>
      <div className="call-media" ref={containerRef} />
      {hasTrack ? null : <span className="call-waiting">{label}</span>}
    </div>
  );
}

export function CallRemoteAudio({ media, unblockLabel }: { media: CallMedia; unblockLabel: string }) {
  const { containerRef, blocked, unblock } = useMediaElement(media, 'remote-audio');
  const stats = useInboundAudioStats(media.remoteStats('audio'), CALL_STATS_INTERVAL_MS);
  return (
    <div className="call-audio" data-testid="call-remote-audio" data-packets-received={stats?.packetsReceived ?? 0}>
      <div ref={containerRef} hidden />
      {blocked ? (
        <button type="button" className="call-unblock" data-testid="call-unblock-audio" onClick={unblock}>
          {unblockLabel}
        </button>
      ) : null}
    </div>
  );
}

export function CallLocalPreview({ media, failedLabel }: { media: CallMedia; failedLabel: string }) {
  useCallMediaSnapshot(media);
  const { containerRef } = useMediaElement(media, 'local-video');
  const capture = media.capture;
  const note =
    capture.kind === 'failed'
      ? `${failedLabel}: ${capture.message}`
      : capture.kind === 'on' && !capture.video
        ? `${failedLabel}: no camera`
        : null;
  return (
    <div className="call-local" data-testid="call-local-preview" data-capture={capture.kind}>
      <div className="call-media" ref={containerRef} />
      {note ? <span className="call-local-note">{note}</span> : null}
    </div>
  );
}
