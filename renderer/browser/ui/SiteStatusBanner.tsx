// On a workstation, says plainly when the site server is unreachable and what that means for the
// operator: cameras still play (pulled by this workstation itself), calls cannot be answered, and
// what they do is kept here and delivered when the site is back.
import type { EngineClient } from '../engine-client.js';
import { clockTime as clock } from './clock-time.js';
import { useSiteStatus } from './use-site-status.js';

export function SiteStatusBanner({ client }: { client: EngineClient }) {
  const status = useSiteStatus(client);
  if (!status) return null;
  const waiting =
    status.pendingActions === 0 ? '' : ` ${status.pendingActions} action${status.pendingActions === 1 ? '' : 's'} saved here, to be delivered when it is back.`;
  if (status.mode === 'site') {
    return waiting ? (
      <div className="site-banner site-banner-pending" role="status" data-testid="site-status" data-mode="site">
        Site server reachable.{waiting}
      </div>
    ) : null;
  }
  const synced = status.syncedAt === undefined ? 'never copied from the site' : `as copied from the site at ${clock(status.syncedAt)}`;
  return (
    <div className="site-banner" role="alert" data-testid="site-status" data-mode="local" data-pending={status.pendingActions}>
      SITE SERVER UNREACHABLE since {clock(status.since)}
      <span className="connection-detail">
        {' '}
        — working from this workstation: cameras come straight from the cameras; the queue is {synced}; calls cannot be answered until it is back.{waiting}
      </span>
    </div>
  );
}
