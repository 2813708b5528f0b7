// A square grid of tiles. It owns the policy: which stream each tile asks for and which tiles are
// paused because nobody can see them; the tiles only play what they are given.
import { useCallback, useEffect } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { GridSize } from '../../../common/domain/wall.js';
import type { MediaSession } from '../media/media-session.js';
import { Tile } from '../tiles/Tile.js';
import { chooseStream, gridColumns, type TileSlots } from './grid-geometry.js';
import { useTileVisibility } from './use-tile-visibility.js';
import { useWatches } from './use-watches.js';

export interface GridProps {
  session: MediaSession;
  grid: GridSize;
  tiles: TileSlots;
  /** Names for the cameras shown, where known (the wall knows only ids). */
  cameraNames?: ReadonlyMap<string, string>;
  /** Streams each camera offers, where known; otherwise the preferred one is asked for. */
  cameraStreams?: ReadonlyMap<string, readonly StreamKind[]>;
  className?: string;
  selectedIndex?: number | null;
  onSelect?: (index: number) => void;
  onClear?: (index: number) => void;
  onDropCamera?: (index: number, cameraId: string) => void;
}

export function Grid(props: GridProps) {
  const { session, grid, tiles, cameraNames, cameraStreams, className, selectedIndex } = props;
  const streamFor = useCallback(
    (cameraId: string): StreamKind => chooseStream(grid, cameraStreams?.get(cameraId)),
    [grid, cameraStreams],
  );
  const handles = useWatches(session, tiles, streamFor);
  const visibility = useTileVisibility();

  useEffect(() => {
    handles.forEach((handle, index) => handle?.setVisible(visibility.isVisible(index)));
  }, [handles, visibility.isVisible]);

  const columns = gridColumns(grid);
  return (
    <div className={`grid grid-${columns} ${className ?? ''}`} data-testid="grid" data-grid-size={grid}>
      {tiles.map((cameraId, index) => (
        <Tile
          key={index}
          index={index}
          cameraId={cameraId}
          cameraName={cameraId ? (cameraNames?.get(cameraId) ?? null) : null}
          handle={handles[index] ?? null}
          tileRef={visibility.refFor(index)}
          selected={selectedIndex === index}
          onSelect={props.onSelect}
          onClear={props.onClear}
          onDropCamera={props.onDropCamera}
        />
      ))}
    </div>
  );
}
