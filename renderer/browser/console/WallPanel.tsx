// The console's hold on the video walls: pick a wall, see it live in miniature, and change it —
// drop a camera on a wall tile, send the selected tile or the whole grid, recall presets, run tours,
// take control. Every display of the wall re-renders at once from the engine's events; the engine
// checks the lease and audits each change, and its refusals are shown here word for word.
import { useMemo, useState } from 'react';
import type { GridSize } from '../../../common/domain/wall.js';
import type { EngineLink } from '../engine-client.js';
import { useCameraSummaries } from '../ui/use-camera-summaries.js';
import { setDraggedLayout } from '../ui/camera-drag.js';
import { useWallPicture } from './use-wall-picture.js';
import { useWallPresets } from './use-wall-presets.js';
import { WallControlLine } from './WallControlLine.js';
import { WallMap, type WallTarget } from './WallMap.js';
import { shownCameras } from './wall-picture.js';
import { WallPresets } from './WallPresets.js';
import { WallTourLine } from './WallTourLine.js';

export interface WallPanelProps {
  link: EngineLink;
  connected: boolean;
  grid: GridSize;
  tiles: ReadonlyArray<string | null>;
  /** The camera on the operator's selected tile, if a tile with a camera is selected. */
  selectedCamera: string | null;
  username: string | undefined;
}

type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; what: string; at: Date } | { kind: 'failed'; message: string };

export function WallPanel({ link, connected, grid, tiles, selectedCamera, username }: WallPanelProps) {
  const [chosenWall, setChosenWall] = useState<string | undefined>(undefined);
  const [chosenTarget, setTarget] = useState<WallTarget | null>(null);
  const [send, setSend] = useState<SendState>({ kind: 'idle' });
  const { walls: listed, picture, problem } = useWallPicture(link, chosenWall, connected);
  const wallId = picture?.summary.wall.id;
  const presets = useWallPresets(link, connected, wallId);
  const summaries = useCameraSummaries(link, picture ? shownCameras(picture) : undefined, connected);
  const names = useMemo(() => new Map([...summaries].map(([id, c]) => [id, c.name])), [summaries]);

  const displays = picture?.summary.wall.displays ?? [];
  // The target stays on its display while that display exists; else the wall's first tile.
  const target = chosenTarget && displays.includes(chosenTarget.displayId) ? chosenTarget : displays[0] ? { displayId: displays[0], index: 0 } : null;
  const gridCameras = tiles.filter((id): id is string => id !== null);

  const request = (what: string, sending: Promise<unknown>): void => {
    setSend({ kind: 'sending' });
    sending.then(
      () => setSend({ kind: 'sent', what, at: new Date() }),
      (error: unknown) => setSend({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };
  const sendGrid = (displayId: string): void => {
    if (wallId) request(`your grid to display ${displayId}`, link.request('wall.set', { wallId, displayId, grid, tiles: [...tiles] }));
  };
  const sendCamera = (to: WallTarget, cameraId: string | null): void => {
    setTarget(to);
    if (wallId) request(`${cameraId ?? 'an empty tile'} to display ${to.displayId}, tile ${to.index + 1}`, link.request('wall.setTile', { wallId, ...to, cameraId }));
  };

  return (
    <section className="wall-panel" aria-label="Wall">
      <h2>Wall</h2>
      {listed.length > 1 ? (
        <label className="wall-choice">
          Wall
          <select data-testid="wall-choice" value={wallId} onChange={(e) => setChosenWall(e.target.value)}>
            {listed.map(({ wall }) => (
              <option key={wall.id} value={wall.id}>
                {wall.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {connected && listed.length === 0 ? <p className="wall-problem">No wall is defined yet: an installer adds one under /setup, "Video walls".</p> : null}
      {picture ? (
        <>
          <WallMap picture={picture} cameraNames={names} target={target} onTarget={setTarget} onDropCamera={sendCamera} onDropGrid={sendGrid} />
          <div className="wall-grid-chip" data-testid="wall-grid-chip" draggable onDragStart={(e) => setDraggedLayout(e.dataTransfer)} title="Drag onto a wall display">
            My grid ({grid} tiles): drag onto a display
          </div>
          <button type="button" data-testid="send-to-wall" disabled={!connected || !target || send.kind === 'sending'} onClick={() => target && sendGrid(target.displayId)}>
            Send my grid to display {target?.displayId ?? '—'}
          </button>
          <button
            type="button"
            data-testid="send-tile-to-wall"
            disabled={!connected || !target || !selectedCamera || send.kind === 'sending'}
            title={selectedCamera ? undefined : 'Select a tile with a camera in your grid first'}
            onClick={() => target && sendCamera(target, selectedCamera)}
          >
            Send selected tile to wall tile {target ? `${target.displayId}/${target.index + 1}` : '—'}
          </button>
          <WallControlLine link={link} connected={connected} control={picture.summary.control} username={username} />
          <WallTourLine
            link={link}
            connected={connected}
            wallId={picture.summary.wall.id}
            tour={picture.summary.tour}
            presetNames={presets.names}
            gridCameras={gridCameras}
            displayId={target?.displayId}
          />
        </>
      ) : null}
      <div className="wall-send-status" data-testid="wall-send-status" role="status">
        {problem ??
          (send.kind === 'sending'
            ? 'Sending…'
            : send.kind === 'sent'
              ? `Sent ${send.what} at ${send.at.toLocaleTimeString()}`
              : send.kind === 'failed'
                ? `Not sent: ${send.message}`
                : '')}
      </div>
      <WallPresets link={link} connected={connected} wallId={wallId} presets={presets} />
    </section>
  );
}
