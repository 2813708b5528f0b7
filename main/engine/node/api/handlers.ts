// What each protocol method does. Params arrive already parsed by the method's schema.
import type { MethodName, MethodResult, ParsedParams } from '../../../../common/protocol/methods.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { Viewer } from '../../../../sfu/index.js';
import type { EngineContext } from '../engine-context.js';

export interface ConnectionContext {
  viewer: Viewer;
}

export type Handlers = {
  [M in MethodName]: (params: ParsedParams<M>, conn: ConnectionContext) => Promise<MethodResult<M>> | MethodResult<M>;
};

export function createHandlers(engine: EngineContext): Handlers {
  return {
    'cameras.search': (params) => engine.cameras.search(params),
    'cameras.get': (params) => ({
      cameras: params.ids.map((id) => engine.cameras.get(id)).filter((c) => c !== undefined),
    }),
    'media.routerCapabilities': () => ({
      rtpCapabilities: engine.sfu.rtpCapabilities as unknown as Record<string, unknown>,
    }),
    'media.createRecvTransport': async (_params, conn) => {
      const t = await conn.viewer.createRecvTransport();
      return {
        id: t.id,
        iceParameters: t.iceParameters as unknown as Record<string, unknown>,
        iceCandidates: t.iceCandidates as unknown as Record<string, unknown>[],
        dtlsParameters: t.dtlsParameters as unknown as Record<string, unknown>,
      };
    },
    'media.connectTransport': async (params, conn) => {
      const dtls = params.dtlsParameters as unknown as Parameters<Viewer['connectTransport']>[1];
      await conn.viewer.connectTransport(params.transportId, dtls);
      return {};
    },
    'watch.start': async (params, conn) => {
      if (!engine.cameras.get(params.cameraId)) throw new JharokhaError('NotFound', `no camera ${params.cameraId}`);
      const watchId = await conn.viewer.startWatch({
        transportId: params.transportId,
        cameraId: params.cameraId,
        stream: params.stream,
        rtpCapabilities: params.rtpCapabilities as unknown as Parameters<Viewer['startWatch']>[0]['rtpCapabilities'],
      });
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
    'wall.get': (params) => engine.walls.get(params),
    'wall.set': (params) => {
      engine.walls.set(params);
      return {};
    },
  };
}
