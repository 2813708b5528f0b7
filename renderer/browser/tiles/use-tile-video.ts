// The tile's <video> elements: one per watch, created imperatively and released completely when
// the watch goes, with requestVideoFrameCallback recording when the newest frame was presented.
// While the grid switches a tile's stream there are two: the new one decodes beneath the old one
// (inserted first, so the old one covers it) until it reports its first frame.
import { useEffect, useRef, type RefObject } from 'react';
import { createLogger } from '../../../common/logger.js';
import type { WatchHandle } from '../media/watch-handle.js';
import { releaseVideo } from './release-video.js';

const log = createLogger('tile-video');

export interface TileVideo {
  containerRef: RefObject<HTMLDivElement | null>;
  /** performance.now() time of the active watch's last presented frame, or null before one. */
  lastFrameAt: RefObject<number | null>;
}

interface VideoEntry {
  readonly video: HTMLVideoElement;
  lastFrameAt: number | null;
  release(): void;
}

export function useTileVideo(
  active: WatchHandle | null,
  pending: WatchHandle | null = null,
  onFirstFrame?: (handle: WatchHandle) => void,
): TileVideo {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const lastFrameAt = useRef<number | null>(null);
  const entries = useRef(new Map<WatchHandle, VideoEntry>());
  const activeRef = useRef<WatchHandle | null>(active);
  const firstFrameRef = useRef(onFirstFrame);

  useEffect(() => {
    firstFrameRef.current = onFirstFrame;
  }, [onFirstFrame]);

  useEffect(() => {
    activeRef.current = active;
    const container = containerRef.current;
    const videos = entries.current;
    for (const [handle, entry] of videos) {
      if (handle === active || handle === pending) continue;
      entry.release();
      videos.delete(handle);
    }
    if (container) {
      for (const handle of [active, pending]) {
        if (!handle || videos.has(handle)) continue;
        videos.set(
          handle,
          createVideo(container, handle, handle !== active, (entry, first) => {
            if (activeRef.current === handle) lastFrameAt.current = entry.lastFrameAt;
            if (first) firstFrameRef.current?.(handle);
          }),
        );
      }
    }
    lastFrameAt.current = active ? (videos.get(active)?.lastFrameAt ?? null) : null;
    for (const [handle, entry] of videos) entry.video.classList.toggle('tile-video-pending', handle !== active);
  }, [active, pending]);

  useEffect(() => {
    const videos = entries.current;
    return () => {
      for (const entry of videos.values()) entry.release();
      videos.clear();
    };
  }, []);

  return { containerRef, lastFrameAt };
}

/** `onFrame` runs for every presented frame (the first one may instead be "data loaded"). */
function createVideo(
  container: HTMLDivElement,
  handle: WatchHandle,
  beneath: boolean,
  onFrame: (entry: VideoEntry, first: boolean) => void,
): VideoEntry {
  const video = document.createElement('video');
  video.className = 'tile-video';
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  video.disablePictureInPicture = true;
  video.dataset.stream = handle.stream;
  if (beneath) container.insertBefore(video, container.firstChild);
  else container.appendChild(video);

  let frameRequest: number | null = null;
  const entry: VideoEntry = { video, lastFrameAt: null, release };
  // The last picture of a lost track, shown over the video until the next track presents a frame
  // (frames of the lost track still queued when it was lost do not count).
  let held: HTMLCanvasElement | null = null;
  let nextTrackAttached = false;
  const presented = (now: DOMHighResTimeStamp): void => {
    if (held && nextTrackAttached) {
      held.remove();
      held = null;
    }
    const first = entry.lastFrameAt === null;
    entry.lastFrameAt = now;
    onFrame(entry, first);
  };
  const onVideoFrame = (now: DOMHighResTimeStamp): void => {
    presented(now);
    frameRequest = video.requestVideoFrameCallback(onVideoFrame);
  };
  const hasRvfc = typeof video.requestVideoFrameCallback === 'function';
  if (hasRvfc) frameRequest = video.requestVideoFrameCallback(onVideoFrame);
  // Without requestVideoFrameCallback, a decoded first frame is the best sign there is.
  const onLoaded = (): void => {
    if (!hasRvfc && entry.lastFrameAt === null) presented(performance.now());
  };
  video.addEventListener('loadeddata', onLoaded);

  const attach = (track: MediaStreamTrack | null): void => {
    // A lost track (the engine went away, or a workstation switched to pulling cameras itself)
    // leaves the last picture up, under the tile's state and a growing frame age, instead of black:
    // the next track replaces it. Keep lastFrameAt too: the age keeps growing, the honest answer.
    if (entry.lastFrameAt !== null && !held) held = holdPicture(video);
    nextTrackAttached = track !== null;
    if (!track) return;
    video.srcObject = new MediaStream([track]);
    video.play().catch((error: unknown) => log.debug(`play() for ${handle.cameraId}`, error));
  };
  attach(handle.track);
  const offTrack = handle.onTrack(attach);

  function release(): void {
    held?.remove();
    offTrack();
    video.removeEventListener('loadeddata', onLoaded);
    if (frameRequest !== null) video.cancelVideoFrameCallback(frameRequest);
    releaseVideo(video);
  }
  return entry;
}

/**
 * A copy of the video's current picture laid over it (same box, same fit): a new track starts
 * black until its first frame, which after a reconnect is the camera's next key frame, seconds away.
 */
function holdPicture(video: HTMLVideoElement): HTMLCanvasElement | null {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.className = `${video.className} tile-video-held`;
  canvas.style.cssText = video.style.cssText;
  canvas.dataset.testid = 'tile-held-picture';
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  video.after(canvas);
  return canvas;
}
