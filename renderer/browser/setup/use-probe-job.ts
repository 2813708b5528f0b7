// Starts a probe job and follows its setup.probeProgress events on this page's connection.
import { useCallback, useEffect, useReducer } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { EngineLink } from '../engine-client.js';
import { engineErrorText } from './engine-error.js';
import { idleProbe, reduceProbe, type ProbeJobState } from './probe-job.js';

export function useProbeJob(link: EngineLink): { job: ProbeJobState; start: (cameraIds: string[], stream: StreamKind) => void } {
  const [job, dispatch] = useReducer(reduceProbe, idleProbe);

  useEffect(() => {
    const offs = [
      link.on('setup.probeProgress', (event) => dispatch({ type: 'progress', event })),
      link.on('disconnected', () => dispatch({ type: 'connection-lost' })),
    ];
    return () => offs.forEach((off) => off());
  }, [link]);

  const start = useCallback(
    (cameraIds: string[], stream: StreamKind) => {
      dispatch({ type: 'start', total: cameraIds.length });
      link.request('setup.probeCameras', { cameraIds, stream }).then(
        ({ jobId }) => dispatch({ type: 'started', jobId }),
        (error: unknown) => dispatch({ type: 'failed', message: engineErrorText(error) }),
      );
    },
    [link],
  );
  return { job, start };
}
