// Finding one camera among 5,000: a search box and a category filter, answered by the engine.
// Click a camera to put it on a tile, or drag it onto the tile you want.
import { useState } from 'react';
import { cameraCategories, CameraCategory, type CameraSummary } from '../../../common/domain/camera.js';
import type { EngineLink } from '../engine-client.js';
import { setDraggedCamera } from '../ui/camera-drag.js';
import { categoryLabels } from './category-labels.js';
import { useCameraSearch } from '../ui/use-camera-search.js';

export interface CameraListProps {
  link: EngineLink;
  connected: boolean;
  onPick: (camera: CameraSummary) => void;
  /** Called when a drag starts, so the console knows the camera's name and streams on drop. */
  onDragCamera: (camera: CameraSummary) => void;
}

export function CameraList({ link, connected, onPick, onDragCamera }: CameraListProps) {
  const [text, setText] = useState('');
  const [category, setCategory] = useState<CameraCategory | null>(null);
  const search = useCameraSearch(link, text, category, connected);

  return (
    <section className="camera-list" aria-label="Cameras">
      <div className="camera-filters">
        <input
          type="search"
          className="camera-search"
          data-testid="camera-search"
          placeholder="Search cameras: name, place…"
          maxLength={200}
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoFocus
        />
        <select
          className="camera-category"
          data-testid="camera-category"
          value={category ?? ''}
          onChange={(event) => {
            const parsed = CameraCategory.safeParse(event.target.value);
            setCategory(parsed.success ? parsed.data : null);
          }}
        >
          <option value="">All categories</option>
          {cameraCategories.map((c) => (
            <option key={c} value={c}>
              {categoryLabels[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="camera-count" data-testid="camera-count">
        {search.error
          ? `Search failed: ${search.error}`
          : search.loading
            ? 'Searching…'
            : `${search.cameras.length} of ${search.total} cameras`}
      </div>
      <ul className="camera-results">
        {search.cameras.map((camera) => (
          <li
            key={camera.id}
            className="camera-item"
            data-testid="camera-item"
            data-camera-id={camera.id}
            draggable
            title="Click to put on the selected or first empty tile; drag onto a tile"
            onClick={() => onPick(camera)}
            onDragStart={(event) => {
              setDraggedCamera(event.dataTransfer, camera.id);
              onDragCamera(camera);
            }}
          >
            <span className="camera-name">{camera.name}</span>
            <span className="camera-place">{camera.place}</span>
            <span className={`camera-category-tag cat-${camera.category}`}>{categoryLabels[camera.category]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
