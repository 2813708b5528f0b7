// Installers' camera tools: probing cameras of the inventory (a background job whose progress is
// pushed to the socket that started it, and which ends with that socket), ONVIF discovery and ONVIF profile lookup. The ONVIF
// credentials an installer types serve that one request: they are not logged, stored or audited.
import type { UserSummary } from '../../../../common/domain/user.js';
import type { EngineContext } from '../engine-context.js';
import type { ConnectionContext, Handlers } from './handlers.js';

type SetupProbeMethod = 'setup.probeCameras' | 'setup.discoverOnvif' | 'setup.onvifProfiles';

export function createSetupProbeHandlers(engine: EngineContext, userLabel: (user: UserSummary) => string): Pick<Handlers, SetupProbeMethod> {
  /** Access control has run: an installer is logged in. */
  const who = (conn: ConnectionContext): string => (conn.user ? userLabel(conn.user) : 'unknown');
  return {
    'setup.probeCameras': (params, conn) => {
      const started = engine.setup.startProbe(params.cameraIds, params.stream, (event) => conn.send('setup.probeProgress', event), conn.closed);
      engine.audit.append({
        actor: who(conn),
        action: 'setup.probeCameras',
        target: `probe:${started.jobId}`,
        detail: { cameras: params.cameraIds.length, stream: params.stream },
      });
      return started;
    },
    'setup.discoverOnvif': async (params) => ({ devices: await engine.setup.discoverOnvif(params.timeoutMs) }),
    'setup.onvifProfiles': (params) => engine.setup.onvifProfiles(params.address, params.username, params.password),
  };
}
