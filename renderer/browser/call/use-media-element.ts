// A call's <video>/<audio>: created imperatively, fed whichever track is current, and released
// completely on unmount (Chromium caps and leaks media players otherwise). The track is attached
// inside CallMedia's change notification, before call.resumeConsumer goes out.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { createLogger } from '../../../common/logger.js';
import type { CallMedia } from '../media/call-media.js';
import { releaseVideo } from '../tiles/release-video.js';

const log = createLogger('call-element');

export interface MediaElementState {
  containerRef: RefObject<HTMLDivElement | null>;
  /** The browser refused to start sound without a click (autoplay policy). */
  blocked: boolean;
  /** Try playing again, from a click handler. */
  unblock: () => void;
}

export type CallElementSource = 'remote-video' | 'remote-audio' | 'local-video';

export function useMediaElement(media: CallMedia, source: CallElementSource): MediaElementState {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const elementRef = useRef<HTMLMediaElement | null>(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const audio = source === 'remote-audio';
    const element = document.createElement(audio ? 'audio' : 'video');
    element.autoplay = true;
    // The caller's voice plays from the <audio>; a video element never makes sound (nor echoes ours).
    element.muted = !audio;
    if (element instanceof HTMLVideoElement) {
      element.playsInline = true;
      element.disablePictureInPicture = true;
      element.className = source === 'local-video' ? 'call-video call-video-local' : 'call-video';
    }
    container.appendChild(element);
    elementRef.current = element;

    let current: MediaStreamTrack | null = null;
    const sync = (): void => {
      const track = currentTrack(media, source);
      if (track === current) return;
      current = track;
      element.srcObject = track ? new MediaStream([track]) : null;
      if (!track) return;
      element.play().then(
        () => setBlocked(false),
        (error: unknown) => {
          log.debug(`play() ${source}`, error);
          if (error instanceof DOMException && error.name === 'NotAllowedError') setBlocked(true);
        },
      );
    };
    sync();
    const off = media.subscribe(sync);
    return () => {
      off();
      elementRef.current = null;
      releaseVideo(element);
    };
  }, [media, source]);

  const unblock = (): void => {
    elementRef.current?.play().then(
      () => setBlocked(false),
      (error: unknown) => log.debug(`play() ${source} after a click`, error),
    );
  };
  return { containerRef, blocked, unblock };
}

function currentTrack(media: CallMedia, source: CallElementSource): MediaStreamTrack | null {
  if (source === 'remote-video') return media.remoteTrack('video');
  if (source === 'remote-audio') return media.remoteTrack('audio');
  return media.localStream?.getVideoTracks()[0] ?? null;
}
