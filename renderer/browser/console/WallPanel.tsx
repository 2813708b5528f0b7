// Sends the operator's grid to a wall display (wall.set); every display of that wall that is open
// re-renders at once from the engine's wall.layout event.
import { useState } from 'react';
import { WallDisplayRef, type GridSize } from '../../../common/domain/wall.js';
import type { EngineLink } from '../engine-client.js';
import { WallPresets } from './WallPresets.js';

export interface WallPanelProps {
  link: EngineLink;
  connected: boolean;
  grid: GridSize;
  tiles: ReadonlyArray<string | null>;
}

type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; at: Date } | { kind: 'failed'; message: string };

export function WallPanel({ link, connected, grid, tiles }: WallPanelProps) {
  const [wallId, setWallId] = useState('main');
  const [displayId, setDisplayId] = useState('1');
  const [send, setSend] = useState<SendState>({ kind: 'idle' });
  const target = WallDisplayRef.safeParse({ wallId: wallId.trim(), displayId: displayId.trim() });

  const sendToWall = (): void => {
    if (!target.success) return;
    setSend({ kind: 'sending' });
    link.request('wall.set', { ...target.data, grid, tiles: [...tiles] }).then(
      () => setSend({ kind: 'sent', at: new Date() }),
      (error: unknown) => setSend({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };

  return (
    <section className="wall-panel" aria-label="Wall">
      <h2>Wall</h2>
      <label>
        Wall
        <input data-testid="wall-id" value={wallId} maxLength={64} onChange={(e) => setWallId(e.target.value)} />
      </label>
      <label>
        Display
        <input data-testid="wall-display" value={displayId} maxLength={64} onChange={(e) => setDisplayId(e.target.value)} />
      </label>
      <button
        type="button"
        data-testid="send-to-wall"
        disabled={!connected || !target.success || send.kind === 'sending'}
        onClick={sendToWall}
      >
        Send my grid to the wall
      </button>
      <div className="wall-send-status" data-testid="wall-send-status" role="status">
        {!target.success
          ? 'Wall and display are lower-case letters, digits and dashes.'
          : send.kind === 'sending'
            ? 'Sending…'
            : send.kind === 'sent'
              ? `Sent to ${target.data.wallId}/${target.data.displayId} at ${send.at.toLocaleTimeString()}`
              : send.kind === 'failed'
                ? `Not sent: ${send.message}`
                : ''}
      </div>
      <WallPresets link={link} connected={connected} wallId={target.success ? target.data.wallId : undefined} />
    </section>
  );
}
