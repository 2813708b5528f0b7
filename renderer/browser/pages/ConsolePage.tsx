// The operator's console: find a camera on the left, watch it on the operator's own grid on the
// right, send the grid to a wall display.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CameraSummary, StreamKind } from '../../../common/domain/camera.js';
import { gridSizes, type GridSize } from '../../../common/domain/wall.js';
import { CameraList } from '../console/CameraList.js';
import { loadLayout, rememberCamera, saveLayout, type OperatorLayout } from '../console/operator-layout.js';
import { WallPanel } from '../console/WallPanel.js';
import type { EngineClient } from '../engine-client.js';
import { Grid } from '../grid/Grid.js';
import { placeCamera, resizeTiles, setTile } from '../grid/grid-geometry.js';
import type { MediaSession } from '../media/media-session.js';
import { ConnectionBanner } from '../ui/ConnectionBanner.js';
import { useConnectionStatus } from '../ui/use-connection-status.js';

export function ConsolePage({ client, session }: { client: EngineClient; session: MediaSession }) {
  const connected = useConnectionStatus(client).connected;
  const [layout, setLayout] = useState<OperatorLayout>(() => loadLayout(window.localStorage));
  const [selected, setSelected] = useState<number | null>(null);
  // The camera being dragged: its summary is known at drag start, only its id travels.
  const dragged = useRef<CameraSummary | null>(null);

  useEffect(() => saveLayout(window.localStorage, layout), [layout]);

  const pick = useCallback(
    (camera: CameraSummary) => {
      setLayout((current) => {
        const placed = placeCamera(current.tiles, camera.id, selected);
        return { ...rememberCamera(current, camera), tiles: placed.tiles };
      });
    },
    [selected],
  );

  const drop = useCallback((index: number, cameraId: string) => {
    const camera = dragged.current?.id === cameraId ? dragged.current : null;
    setLayout((current) => ({ ...(camera ? rememberCamera(current, camera) : current), tiles: setTile(current.tiles, index, cameraId) }));
  }, []);

  const clear = useCallback((index: number) => {
    setLayout((current) => ({ ...current, tiles: setTile(current.tiles, index, null) }));
  }, []);

  const select = useCallback((index: number) => setSelected((s) => (s === index ? null : index)), []);

  const resize = (grid: GridSize): void => {
    setLayout((current) => ({ ...current, grid, tiles: resizeTiles(current.tiles, grid) }));
    setSelected((s) => (s !== null && s < grid ? s : null));
  };

  const names = useMemo(
    () => new Map(Object.entries(layout.cameras).map(([id, known]) => [id, known.name])),
    [layout.cameras],
  );
  const streams = useMemo(
    () => new Map<string, readonly StreamKind[]>(Object.entries(layout.cameras).map(([id, known]) => [id, known.streams])),
    [layout.cameras],
  );

  return (
    <div className="console-page">
      <ConnectionBanner client={client} />
      <aside className="console-side">
        <CameraList link={client} connected={connected} onPick={pick} onDragCamera={(c) => (dragged.current = c)} />
        <WallPanel link={client} connected={connected} grid={layout.grid} tiles={layout.tiles} />
      </aside>
      <main className="console-main">
        <div className="console-toolbar">
          <span className="toolbar-label">Grid</span>
          {gridSizes.map((size) => (
            <button
              key={size}
              type="button"
              className={size === layout.grid ? 'grid-size active' : 'grid-size'}
              data-testid={`grid-size-${size}`}
              aria-pressed={size === layout.grid}
              onClick={() => resize(size)}
            >
              {size}
            </button>
          ))}
          <span className="toolbar-hint">
            {selected === null ? 'Click a camera to fill the first empty tile.' : `Tile ${selected + 1} selected: a clicked camera goes there.`}
          </span>
        </div>
        <Grid
          session={session}
          grid={layout.grid}
          tiles={layout.tiles}
          cameraNames={names}
          cameraStreams={streams}
          className="console-grid"
          selectedIndex={selected}
          onSelect={select}
          onClear={clear}
          onDropCamera={drop}
        />
      </main>
    </div>
  );
}
