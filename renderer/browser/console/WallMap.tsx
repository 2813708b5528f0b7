// The wall in miniature: every display in its place, every tile with the camera it shows now, a
// span drawn once over the displays it covers. A tile is a target: click it, or drop a camera on
// it (from the list or the operator's grid); the operator's grid dropped on a display replaces it.
import { useState, type CSSProperties, type DragEvent } from 'react';
import { carriesCamera, carriesLayout, draggedCamera } from '../ui/camera-drag.js';
import { mapCells, wallAspect, type MapCell, type WallPicture } from './wall-picture.js';

export interface WallTarget {
  displayId: string;
  index: number;
}

export interface WallMapProps {
  picture: WallPicture;
  cameraNames: ReadonlyMap<string, string>;
  target: WallTarget | null;
  onTarget: (target: WallTarget) => void;
  onDropCamera: (target: WallTarget, cameraId: string) => void;
  onDropGrid: (displayId: string) => void;
}

export function WallMap({ picture, cameraNames, target, onTarget, onDropCamera, onDropGrid }: WallMapProps) {
  const { wall } = picture.summary;
  const style: CSSProperties = {
    gridTemplateColumns: `repeat(${wall.columns}, 1fr)`,
    gridTemplateRows: `repeat(${wall.rows}, 1fr)`,
    aspectRatio: String(wallAspect(wall)),
  };
  const tile = (displayId: string, index: number, cameraId: string | null) => (
    <MapTile
      key={`${displayId}/${index}`}
      displayId={displayId}
      index={index}
      cameraId={cameraId}
      name={cameraId === null ? null : (cameraNames.get(cameraId) ?? cameraId)}
      targeted={target?.displayId === displayId && target.index === index}
      onTarget={onTarget}
      onDropCamera={onDropCamera}
      onDropGrid={onDropGrid}
    />
  );
  return (
    <div className="wall-map" data-testid="wall-map" data-wall-id={wall.id} style={style}>
      {mapCells(picture).map((cell) => (
        <div key={cellKey(cell)} className={`wall-map-${cell.kind}`} data-testid={`wall-map-${cell.kind}`} style={placement(cell, wall.columns)} {...cellData(cell)}>
          {cell.kind === 'span' ? (
            tile(cell.displayIds[0]!, 0, cell.span.cameraId)
          ) : cell.layout ? (
            <div className="wall-map-grid" style={sideBySide(Math.sqrt(cell.layout.grid))}>
              {cell.layout.tiles.map((cameraId, index) => tile(cell.displayId, index, cameraId))}
            </div>
          ) : (
            <span className="wall-map-loading">…</span>
          )}
          <span className="wall-map-label">{cell.kind === 'span' ? `${cell.displayIds.join('+')} span` : cell.displayId}</span>
        </div>
      ))}
    </div>
  );
}

const sideBySide = (side: number): CSSProperties => ({ gridTemplateColumns: `repeat(${side}, 1fr)`, gridTemplateRows: `repeat(${side}, 1fr)` });

const cellKey = (cell: MapCell): string => (cell.kind === 'span' ? `span:${cell.displayIds.join('+')}` : cell.displayId);

function placement(cell: MapCell, columns: number): CSSProperties {
  if (cell.kind === 'display') return { gridColumn: cell.col + 1, gridRow: cell.row + 1 };
  const { col, row, cols, rows } = cell.span;
  return { gridColumn: `${Math.min(col, columns - 1) + 1} / span ${cols}`, gridRow: `${row + 1} / span ${rows}` };
}

function cellData(cell: MapCell): Record<string, string> {
  return cell.kind === 'span' ? { 'data-displays': cell.displayIds.join(',') } : { 'data-display-id': cell.displayId };
}

interface MapTileProps {
  displayId: string;
  index: number;
  cameraId: string | null;
  name: string | null;
  targeted: boolean;
  onTarget: (target: WallTarget) => void;
  onDropCamera: (target: WallTarget, cameraId: string) => void;
  onDropGrid: (displayId: string) => void;
}

function MapTile({ displayId, index, cameraId, name, targeted, onTarget, onDropCamera, onDropGrid }: MapTileProps) {
  const [dropping, setDropping] = useState(false);
  const accepts = (event: DragEvent): boolean => carriesCamera(event.dataTransfer) || carriesLayout(event.dataTransfer);
  const onDragOver = (event: DragEvent<HTMLButtonElement>): void => {
    if (!accepts(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (event: DragEvent<HTMLButtonElement>): void => {
    setDropping(false);
    if (!accepts(event)) return;
    event.preventDefault();
    const camera = draggedCamera(event.dataTransfer);
    if (camera !== null) onDropCamera({ displayId, index }, camera);
    else onDropGrid(displayId);
  };
  const classes = ['wall-map-tile', cameraId === null ? 'empty' : '', targeted ? 'targeted' : '', dropping ? 'dropping' : ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={classes}
      data-testid="wall-map-tile"
      data-display-id={displayId}
      data-tile-index={index}
      data-camera-id={cameraId ?? ''}
      aria-pressed={targeted}
      title={`${displayId}, tile ${index + 1}: ${name ?? 'empty'}`}
      onClick={() => onTarget({ displayId, index })}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      {name ?? ''}
    </button>
  );
}
