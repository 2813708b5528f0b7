// One wall display: a full-window grid, or this display's part of a camera spanning several,
// showing what the engine says this display shows and redrawn whenever any console changes it.
// No chrome: only a thin line when the engine is unreachable.
import { useMemo, type CSSProperties } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { EngineClient } from '../engine-client.js';
import { Grid } from '../grid/Grid.js';
import type { MediaSession } from '../media/media-session.js';
import { ConnectionBanner } from '../ui/ConnectionBanner.js';
import { useConnectionStatus } from '../ui/use-connection-status.js';
import { useCameraSummaries } from '../ui/use-camera-summaries.js';
import { useDisplayView, type SpanPart } from './use-display-view.js';

export interface WallPageProps {
  client: EngineClient;
  session: MediaSession;
  wallId: string;
  displayId: string;
}

export function WallPage({ client, session, wallId, displayId }: WallPageProps) {
  const connected = useConnectionStatus(client).connected;
  const { view, problem } = useDisplayView(client, wallId, displayId, connected);
  const shownIds = view === null ? undefined : view.kind === 'grid' ? view.layout.tiles : [view.cameraId];
  const summaries = useCameraSummaries(client, shownIds, connected);
  const names = useMemo(() => new Map([...summaries].map(([id, c]) => [id, c.name])), [summaries]);
  const streams = useMemo(() => new Map([...summaries].map(([id, c]) => [id, c.streams])), [summaries]);

  return (
    <div className="wall-page" data-testid="wall" data-wall-id={wallId} data-display-id={displayId} data-view={view?.kind ?? ''}>
      {view?.kind === 'grid' ? (
        <Grid session={session} grid={view.layout.grid} tiles={view.layout.tiles} cameraNames={names} cameraStreams={streams} className="wall-grid" />
      ) : null}
      {view?.kind === 'span' ? <SpanTile session={session} part={view} cameraNames={names} cameraStreams={streams} /> : null}
      <ConnectionBanner client={client} compact />
      {connected && (problem || !view) ? (
        <div className="connection-line" role="status">
          {problem ?? `Loading wall ${wallId}/${displayId}…`}
        </div>
      ) : null}
    </div>
  );
}

interface SpanTileProps {
  session: MediaSession;
  part: SpanPart;
  cameraNames: ReadonlyMap<string, string>;
  cameraStreams: ReadonlyMap<string, readonly StreamKind[]>;
}

const fraction = (value: number): string => String(Number(value.toFixed(4)));

/**
 * One tile filling the display, its video scaled and moved (styles.css, `.wall-span`) so that only
 * the crop shows: the tile's overflow hides the rest of the picture, and what lies behind the
 * bezels was already left out of the crop by the engine.
 */
function SpanTile({ session, part, cameraNames, cameraStreams }: SpanTileProps) {
  const { cameraId, crop, span } = part;
  const tiles = useMemo(() => [cameraId], [cameraId]);
  const style = { '--crop-x': crop.x, '--crop-y': crop.y, '--crop-w': crop.w, '--crop-h': crop.h } as CSSProperties;
  return (
    <div
      className="wall-span"
      data-testid="wall-span"
      data-camera-id={cameraId}
      data-crop={[crop.x, crop.y, crop.w, crop.h].map(fraction).join(',')}
      data-span={`${span.col},${span.row},${span.cols},${span.rows}`}
      style={style}
    >
      <Grid session={session} grid={1} tiles={tiles} cameraNames={cameraNames} cameraStreams={cameraStreams} className="wall-grid" />
    </div>
  );
}
