// One video tile: the camera name, its state in big words, and how old the picture is. It plays
// what its watch gives it; which stream and whether to pause are decided by the grid.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { StatsSource } from '../media/inbound-stats.js';
import type { WatchHandle } from '../media/watch-handle.js';
import { carriesCamera, draggedCamera, setDraggedCamera } from '../ui/camera-drag.js';
import { useNow } from '../ui/use-now.js';
import { formatFrameAge, frameAgeAttribute, frameAgeLevel } from './frame-age.js';
import { tileDetailLine, tileHeadline, tileModelOf, tileStatus, type TileModel } from './tile-state.js';
import { useInboundStats } from './use-inbound-stats.js';
import { useTileVideo } from './use-tile-video.js';

export interface TileProps {
  index: number;
  cameraId: string | null;
  cameraName: string | null;
  handle: WatchHandle | null;
  /** The grid's next stream for this tile, decoding unseen until its first frame. */
  pendingHandle?: WatchHandle | null;
  /** Each watch's first presented frame (the grid swaps a pending watch in on it). */
  onFirstFrame?: (handle: WatchHandle) => void;
  /** What the shown stream measures, for the grid's decode budget. */
  onStreamStats?: (cameraId: string, stream: StreamKind, format: { width: number; height: number; fps: number }) => void;
  /** Said on the tile when the grid chose its stream for a reason other than its size. */
  streamNote?: string | null;
  /** The grid observes this element for visibility. */
  tileRef: (element: HTMLDivElement | null) => void;
  selected?: boolean;
  onSelect?: (index: number) => void;
  onClear?: (index: number) => void;
  onDropCamera?: (index: number, cameraId: string) => void;
}

const noHandle = (): (() => void) => () => undefined;

export function Tile(props: TileProps) {
  const { index, cameraId, cameraName, handle, tileRef, selected, onSelect, onClear, onDropCamera } = props;
  const { pendingHandle, onFirstFrame, onStreamStats, streamNote } = props;
  // Between a camera change and the grid's next effect the handle may still be the old one.
  const current = handle && handle.cameraId === cameraId ? handle : null;
  const pending = pendingHandle && pendingHandle.cameraId === cameraId ? pendingHandle : null;
  const model = useTileModel(current, cameraId);
  const status = tileStatus(model);
  const { containerRef, lastFrameAt } = useTileVideo(current, pending, onFirstFrame);
  const statsSource = useShownStatsSource(current, cameraId);
  const stats = useInboundStats(statsSource);
  useEffect(() => {
    const stream = statsSource?.stream;
    if (!stats || !cameraId || !stream) return;
    onStreamStats?.(cameraId, stream, { width: stats.frameWidth, height: stats.frameHeight, fps: stats.framesPerSecond });
  }, [stats, statsSource, cameraId, onStreamStats]);
  const now = useNow(250, current !== null);
  const [dropping, setDropping] = useState(false);

  const ageMs = current && lastFrameAt.current !== null ? now - lastFrameAt.current : null;
  const ageLevel = status === 'paused' ? 'none' : frameAgeLevel(ageMs);
  const detail = tileDetailLine(status, model.detail);

  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    if (!onDropCamera || !carriesCamera(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    setDropping(false);
    const dropped = onDropCamera ? draggedCamera(event.dataTransfer) : null;
    if (!onDropCamera || dropped === null) return;
    event.preventDefault();
    onDropCamera(index, dropped);
  };

  const classes = ['tile', `tile-${status}`, selected ? 'tile-selected' : '', dropping ? 'tile-dropping' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div
      ref={tileRef}
      className={classes}
      data-testid="tile"
      data-tile-index={index}
      data-camera-id={cameraId ?? ''}
      data-state={status}
      data-frames-decoded={stats?.framesDecoded ?? 0}
      data-frame-width={stats?.frameWidth ?? 0}
      data-frame-height={stats?.frameHeight ?? 0}
      data-stream={current?.stream ?? ''}
      data-stream-pending={pending?.stream ?? ''}
      data-stream-note={streamNote ?? ''}
      data-last-frame-age-ms={frameAgeAttribute(ageMs)}
      onClick={onSelect ? () => onSelect(index) : undefined}
      // An operator's tile can be dragged to another tile or onto a wall tile on the wall map.
      draggable={onDropCamera !== undefined && cameraId !== null}
      onDragStart={cameraId !== null ? (event) => setDraggedCamera(event.dataTransfer, cameraId) : undefined}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <div className="tile-media" ref={containerRef} />
      <div className="tile-top">
        <span className="tile-name" title={cameraId ?? undefined}>
          {cameraId === null ? `Tile ${index + 1}` : (cameraName ?? cameraId)}
        </span>
        {cameraId !== null && streamNote ? (
          <span className="tile-stream-note" data-testid="tile-stream-note">
            {streamNote}
          </span>
        ) : null}
        {cameraId !== null ? <span className={`tile-age age-${ageLevel}`}>{formatFrameAge(ageMs)}</span> : null}
        {onClear && cameraId !== null ? (
          <button
            type="button"
            className="tile-clear"
            data-testid="tile-clear"
            title="Clear this tile"
            onClick={(event) => {
              event.stopPropagation();
              onClear(index);
            }}
          >
            ×
          </button>
        ) : null}
      </div>
      <div className="tile-status">
        <span className="tile-headline">{tileHeadline(status, model.detail)}</span>
        {detail ? <span className="tile-detail">{detail}</span> : null}
        {status === 'idle' && onDropCamera ? <span className="tile-detail">Drop a camera here</span> : null}
      </div>
    </div>
  );
}

function useTileModel(handle: WatchHandle | null, cameraId: string | null): TileModel {
  const subscribe = useCallback((notify: () => void) => (handle ? handle.subscribe(notify) : noHandle()), [handle]);
  const status = useSyncExternalStore(subscribe, () => handle?.status ?? null);
  // No watch yet (just assigned, or empty): say "connecting" or "idle" without waiting for one.
  return useMemo(() => tileModelOf(cameraId, status), [cameraId, status]);
}

/**
 * Stats of whichever watch the tile shows, one source per camera: a stream switch keeps the
 * frame count rising and the last size shown instead of starting again from nothing. `stream` is
 * the stream the latest sample came from.
 */
function useShownStatsSource(handle: WatchHandle | null, cameraId: string | null): (StatsSource & { stream: StreamKind | null }) | null {
  const shown = useRef(handle);
  useEffect(() => {
    shown.current = handle;
  }, [handle]);
  return useMemo(() => {
    if (cameraId === null) return null;
    const source = {
      stream: null as StreamKind | null,
      async getStats() {
        const watch = shown.current;
        const sample = watch ? await watch.getStats() : null;
        if (sample && watch) source.stream = watch.stream;
        return sample;
      },
    };
    return source;
  }, [cameraId]);
}
