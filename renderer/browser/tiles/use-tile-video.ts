// The tile's <video>: created imperatively for one watch and released completely when the watch
// changes, with requestVideoFrameCallback recording when the newest frame was presented.
import { useEffect, useRef, type RefObject } from 'react';
import { createLogger } from '../../../common/logger.js';
import type { WatchHandle } from '../media/watch-handle.js';
import { releaseVideo } from './release-video.js';

const log = createLogger('tile-video');

export interface TileVideo {
  containerRef: RefObject<HTMLDivElement | null>;
  /** performance.now() time of the last presented frame, or null before the first one. */
  lastFrameAt: RefObject<number | null>;
}

export function useTileVideo(handle: WatchHandle | null): TileVideo {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const lastFrameAt = useRef<number | null>(null);

  useEffect(() => {
    lastFrameAt.current = null;
    const container = containerRef.current;
    if (!container || !handle) return;
    const video = document.createElement('video');
    video.className = 'tile-video';
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.disablePictureInPicture = true;
    container.appendChild(video);

    let frameRequest: number | null = null;
    const onFrame = (now: DOMHighResTimeStamp): void => {
      lastFrameAt.current = now;
      frameRequest = video.requestVideoFrameCallback(onFrame);
    };
    if (typeof video.requestVideoFrameCallback === 'function') frameRequest = video.requestVideoFrameCallback(onFrame);

    const attach = (track: MediaStreamTrack | null): void => {
      // Keep lastFrameAt on a lost track: the age keeps growing, which is the honest answer.
      video.srcObject = track ? new MediaStream([track]) : null;
      if (track) video.play().catch((error: unknown) => log.debug(`play() for ${handle.cameraId}`, error));
    };
    attach(handle.track);
    const offTrack = handle.onTrack(attach);

    return () => {
      offTrack();
      if (frameRequest !== null) video.cancelVideoFrameCallback(frameRequest);
      releaseVideo(video);
    };
  }, [handle]);

  return { containerRef, lastFrameAt };
}
