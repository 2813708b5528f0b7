// The operator's console: find a camera on the left, watch it on the operator's own grid in the
// middle, send the grid to a wall display; take emergency calls on the right. While this
// operator is on a call the grid shows the incident's cameras, and goes back afterwards. Cameras
// and the wall are the logged-in operator's: the engine shows them to no one before a login.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CameraSummary, StreamKind } from '../../../common/domain/camera.js';
import { gridSizes, type GridSize } from '../../../common/domain/wall.js';
import { actionsFor } from '../alerts/alert-actions.js';
import { AlertsPanel } from '../alerts/AlertsPanel.js';
import { shownGrid, type GridView, type IncidentOverride } from '../alerts/incident-layout.js';
import type { OperatorLink } from '../login/operator-link.js';
import { waitingAlerts } from '../alerts/queue-state.js';
import { RingBanner } from '../alerts/RingBanner.js';
import { useCallDesk } from '../alerts/use-call-desk.js';
import { CameraList } from '../console/CameraList.js';
import { MediaRestartLine } from '../console/MediaRestartLine.js';
import { loadLayout, rememberCamera, saveLayout, type OperatorLayout } from '../console/operator-layout.js';
import { WallPanel } from '../console/WallPanel.js';
import type { EngineClient } from '../engine-client.js';
import { Grid } from '../grid/Grid.js';
import { placeCamera, resizeTiles, setTile } from '../grid/grid-geometry.js';
import type { CallMedia } from '../media/call-media.js';
import type { MediaSession } from '../media/media-session.js';
import { ConnectionBanner } from '../ui/ConnectionBanner.js';
import { SiteStatusBanner } from '../ui/SiteStatusBanner.js';
import { useCameraSummaries } from '../ui/use-camera-summaries.js';

export interface ConsolePageProps {
  client: EngineClient;
  session: MediaSession;
  operator: OperatorLink;
  callMedia: CallMedia;
}

export function ConsolePage({ client, session, operator, callMedia }: ConsolePageProps) {
  const desk = useCallDesk(operator, callMedia);
  const connected = desk.ready;
  const [layout, setLayout] = useState<OperatorLayout>(() => loadLayout(window.localStorage));
  const [override, setOverride] = useState<IncidentOverride | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  // The camera being dragged: its summary is known at drag start, only its id travels.
  const dragged = useRef<CameraSummary | null>(null);

  // Only the operator's own layout is ever saved: incident edits go to `override`.
  useEffect(() => saveLayout(window.localStorage, layout), [layout]);

  const incident = desk.calls.incident;
  const incidentId = incident?.id ?? null;
  const incidentCameras = incident?.incidentCameras.join(',') ?? '';
  // Stable while nothing it shows changes: the grid restarts nothing on an unrelated alert update.
  const shown = useMemo(
    () => shownGrid(layout, incidentId === null ? null : { id: incidentId, incidentCameras: incidentCameras.split(',').filter(Boolean) }, override),
    [layout, incidentId, incidentCameras, override],
  );
  const incidentNames = useCameraSummaries(operator, shown.incidentId ? shown.tiles : undefined, connected);

  /** Edits go to the incident view while there is one (never saved), else to the operator's layout. */
  const edit = (change: (view: GridView) => GridView, camera?: CameraSummary): void => {
    if (shown.incidentId !== null) setOverride({ alertId: shown.incidentId, ...change(shown) });
    else setLayout((current) => ({ ...(camera ? rememberCamera(current, camera) : current), ...change(current) }));
  };

  const pick = (camera: CameraSummary): void =>
    edit((view) => ({ grid: view.grid, tiles: placeCamera(view.tiles, camera.id, selected).tiles }), camera);
  const drop = (index: number, cameraId: string): void => {
    const camera = dragged.current?.id === cameraId ? dragged.current : undefined;
    edit((view) => ({ grid: view.grid, tiles: setTile(view.tiles, index, cameraId) }), camera);
  };
  const clear = (index: number): void => edit((view) => ({ grid: view.grid, tiles: setTile(view.tiles, index, null) }));
  const select = (index: number): void => setSelected((s) => (s === index ? null : index));
  const resize = (grid: GridSize): void => {
    edit((view) => ({ grid, tiles: resizeTiles(view.tiles, grid) }));
    setSelected((s) => (s !== null && s < grid ? s : null));
  };

  const names = useMemo(() => {
    const known = new Map(Object.entries(layout.cameras).map(([id, camera]) => [id, camera.name]));
    for (const [id, camera] of incidentNames) known.set(id, camera.name);
    return known;
  }, [layout.cameras, incidentNames]);
  const streams = useMemo(() => {
    const known = new Map<string, readonly StreamKind[]>(Object.entries(layout.cameras).map(([id, camera]) => [id, camera.streams]));
    for (const [id, camera] of incidentNames) known.set(id, camera.streams);
    return known;
  }, [layout.cameras, incidentNames]);

  const me = desk.ready ? desk.user : null;
  const incidentBox = incident ? desk.queue.boxes.get(incident.boxId) : undefined;

  return (
    <div className="console-page">
      <div className="console-top">
        <ConnectionBanner client={client} />
        <SiteStatusBanner client={client} />
        <MediaRestartLine link={client} />
        {me ? (
          <RingBanner
            waiting={waitingAlerts(desk.queue)}
            boxes={desk.queue.boxes}
            talking={desk.calls.talking}
            canAnswer={(alert) => actionsFor(alert, me).includes('answer')}
            onAnswer={(alert) => desk.act(alert, 'answer')}
          />
        ) : null}
      </div>
      <aside className="console-side">
        <CameraList link={operator} connected={connected} onPick={pick} onDragCamera={(c) => (dragged.current = c)} />
        <WallPanel
          link={operator}
          connected={connected}
          grid={shown.grid}
          tiles={shown.tiles}
          selectedCamera={selected === null ? null : (shown.tiles[selected] ?? null)}
          username={me?.username}
        />
      </aside>
      <main className="console-main">
        <div className="console-toolbar" data-incident-id={shown.incidentId ?? ''}>
          <span className="toolbar-label">Grid</span>
          {gridSizes.map((size) => (
            <button
              key={size}
              type="button"
              className={size === shown.grid ? 'grid-size active' : 'grid-size'}
              data-testid={`grid-size-${size}`}
              aria-pressed={size === shown.grid}
              onClick={() => resize(size)}
            >
              {size}
            </button>
          ))}
          {shown.incidentId !== null ? (
            <span className="toolbar-incident" data-testid="incident-view">
              Incident view: cameras near {incidentBox?.name ?? incident?.boxId}. Your own layout returns when the call ends.
            </span>
          ) : (
            <span className="toolbar-hint">
              {selected === null ? 'Click a camera to fill the first empty tile.' : `Tile ${selected + 1} selected: a clicked camera goes there.`}
            </span>
          )}
        </div>
        <Grid
          session={session}
          grid={shown.grid}
          tiles={shown.tiles}
          cameraNames={names}
          cameraStreams={streams}
          className="console-grid"
          importantCameras={incident?.incidentCameras}
          selectedIndex={selected}
          onSelect={select}
          onClear={clear}
          onDropCamera={drop}
        />
      </main>
      <AlertsPanel desk={desk} link={operator} media={callMedia} />
    </div>
  );
}
