import { useEffect, useState } from 'react';
import type { EventData } from '../../../common/protocol/events.js';
import type { EngineClient } from '../engine-client.js';

export type SiteStatus = EventData<'site.status'>;

/** What a workstation engine last said about its site server; null on a page served by the site itself. */
export function useSiteStatus(client: EngineClient): SiteStatus | null {
  const [status, setStatus] = useState<SiteStatus | null>(null);
  useEffect(() => client.on('site.status', setStatus), [client]);
  return status;
}
