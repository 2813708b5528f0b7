// media.* and watch.*: a console's or display's receive transport and the cameras it watches on
// it. Every watch started is audited under whoever (or whichever display) the socket belongs to;
// a display starts watches only of the cameras it shows.
import type { MethodResult } from '../../../../../common/protocol/methods.js';
import { JharokhaError } from '../../../../../common/errors.js';
import type { Viewer } from '../../../../../sfu/index.js';
import type { EngineContext } from '../../engine-context.js';
import { displayScope } from '../access.js';
import { actorLabel, type NamespaceHandlers } from '../connection-context.js';

export function mediaHandlers(engine: EngineContext): NamespaceHandlers<'media.' | 'watch.'> {
  return {
    'media.routerCapabilities': () => ({
      rtpCapabilities: engine.sfu.rtpCapabilities as unknown as Record<string, unknown>,
    }),
    'media.createRecvTransport': async (_params, conn) => wireTransport(await conn.viewer.createRecvTransport()),
    'media.connectTransport': async (params, conn) => {
      const dtls = params.dtlsParameters as unknown as Parameters<Viewer['connectTransport']>[1];
      await conn.viewer.connectTransport(params.transportId, dtls);
      return {};
    },
    'watch.start': async (params, conn) => {
      if (!engine.cameras.get(params.cameraId)) throw new JharokhaError('NotFound', `no camera ${params.cameraId}`);
      conn.shares.admitWatch(conn);
      displayScope(conn.principal, (ref) => engine.walls.view(ref))?.requireShown(params.cameraId);
      const watchId = await conn.viewer.startWatch({
        transportId: params.transportId,
        cameraId: params.cameraId,
        stream: params.stream,
        rtpCapabilities: params.rtpCapabilities as unknown as Parameters<Viewer['startWatch']>[0]['rtpCapabilities'],
      });
      engine.audit.append({ actor: actorLabel(conn), action: 'camera.view', target: `camera:${params.cameraId}`, detail: { stream: params.stream } });
      return { watchId };
    },
    'watch.resume': async (params, conn) => {
      await conn.viewer.resumeWatch(params.watchId);
      return {};
    },
    'watch.pause': async (params, conn) => {
      await conn.viewer.pauseWatch(params.watchId);
      return {};
    },
    'watch.stop': (params, conn) => {
      conn.viewer.stopWatch(params.watchId);
      return {};
    },
  };
}

/** A mediasoup transport as the protocol carries it (the receive transport's and both call transports' shape). */
export function wireTransport(t: { id: string; iceParameters: object; iceCandidates: object[]; dtlsParameters: object }): MethodResult<'media.createRecvTransport'> {
  return {
    id: t.id,
    iceParameters: t.iceParameters as Record<string, unknown>,
    iceCandidates: t.iceCandidates as Record<string, unknown>[],
    dtlsParameters: t.dtlsParameters as Record<string, unknown>,
  };
}
