// Says plainly when the engine is gone: without it no tile can be trusted to be live.
import type { EngineClient } from '../engine-client.js';
import { useConnectionStatus } from './use-connection-status.js';
import { useNow } from './use-now.js';

export function ConnectionBanner({ client, compact = false }: { client: EngineClient; compact?: boolean }) {
  const status = useConnectionStatus(client);
  useNow(1000, !status.connected);
  if (status.connected) return null;
  const everLost = status.lastReason !== null;
  const seconds = status.retryAt === null ? null : Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000));
  const retry = seconds === null ? '' : seconds > 0 ? ` — retrying in ${seconds} s` : ' — retrying now';
  const text = everLost ? `ENGINE CONNECTION LOST${retry}` : 'Connecting to the engine…';
  return (
    <div className={compact ? 'connection-line' : 'connection-banner'} role="alert" data-testid="engine-status">
      {text}
      {!compact && everLost ? <span className="connection-detail"> Video and search are unavailable until it is back.</span> : null}
    </div>
  );
}
