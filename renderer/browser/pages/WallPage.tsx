// One wall display: a full-window grid showing what the engine says this display shows, redrawn
// whenever any console changes it. No chrome: only a thin line when the engine is unreachable.
import { useEffect, useMemo, useState } from 'react';
import type { WallLayout } from '../../../common/domain/wall.js';
import type { EngineClient } from '../engine-client.js';
import { Grid } from '../grid/Grid.js';
import type { MediaSession } from '../media/media-session.js';
import { ConnectionBanner } from '../ui/ConnectionBanner.js';
import { useConnectionStatus } from '../ui/use-connection-status.js';
import { useCameraSummaries } from './use-camera-summaries.js';

export interface WallPageProps {
  client: EngineClient;
  session: MediaSession;
  wallId: string;
  displayId: string;
}

export function WallPage({ client, session, wallId, displayId }: WallPageProps) {
  const connected = useConnectionStatus(client).connected;
  const [layout, setLayout] = useState<WallLayout | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const summaries = useCameraSummaries(client, layout?.tiles, connected);
  const names = useMemo(() => new Map([...summaries].map(([id, c]) => [id, c.name])), [summaries]);
  const streams = useMemo(() => new Map([...summaries].map(([id, c]) => [id, c.streams])), [summaries]);

  useEffect(
    () =>
      client.on('wall.layout', (next) => {
        if (next.wallId !== wallId || next.displayId !== displayId) return;
        setLayout(next);
        setProblem(null);
      }),
    [client, wallId, displayId],
  );

  // Fetched on every (re)connect: changes made while we were away arrive as no event.
  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    client.request('wall.get', { wallId, displayId }).then(
      (next) => {
        if (cancelled) return;
        setLayout(next);
        setProblem(null);
      },
      (error: unknown) => {
        if (!cancelled) setProblem(`wall ${wallId}/${displayId}: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, wallId, displayId, connected]);

  return (
    <div className="wall-page" data-testid="wall" data-wall-id={wallId} data-display-id={displayId}>
      {layout ? <Grid
          session={session}
          grid={layout.grid}
          tiles={layout.tiles}
          cameraNames={names}
          cameraStreams={streams}
          className="wall-grid"
        /> : null}
      <ConnectionBanner client={client} compact />
      {connected && (problem || !layout) ? (
        <div className="connection-line" role="status">
          {problem ?? `Loading wall ${wallId}/${displayId}…`}
        </div>
      ) : null}
    </div>
  );
}
