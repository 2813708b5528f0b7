// Names and streams of the cameras a wall display shows: the layout carries only ids.
import { useEffect, useState } from 'react';
import type { CameraSummary } from '../../../common/domain/camera.js';
import { createLogger } from '../../../common/logger.js';
import type { EngineLink } from '../engine-client.js';

const log = createLogger('wall');

export function useCameraSummaries(
  client: Pick<EngineLink, 'request'>,
  ids: readonly (string | null)[] | undefined,
  connected: boolean,
): ReadonlyMap<string, CameraSummary> {
  const [summaries, setSummaries] = useState<ReadonlyMap<string, CameraSummary>>(new Map());
  const key = (ids ?? []).filter((id): id is string => id !== null).join(',');
  useEffect(() => {
    if (!connected || !key) return;
    let cancelled = false;
    client.request('cameras.get', { ids: key.split(',') }).then(
      ({ cameras }) => {
        if (!cancelled) setSummaries(new Map(cameras.map((c) => [c.id, c])));
      },
      (error: unknown) => log.warn('camera names unavailable', error),
    );
    return () => {
      cancelled = true;
    };
  }, [client, key, connected]);
  return summaries;
}
