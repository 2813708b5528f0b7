// call.*: either side of a two-way call (a kiosk, or an operator or supervisor) sets up its media
// on its socket's own call peer.
import type { CallPeer } from '../../../../../sfu/index.js';
import type { NamespaceHandlers } from '../connection-context.js';
import { wireTransport } from './media.js';

type CallPeerParam<M extends keyof CallPeer, I extends number> = CallPeer[M] extends (...args: never[]) => unknown ? Parameters<CallPeer[M]>[I] : never;

export function callHandlers(): NamespaceHandlers<'call.'> {
  return {
    'call.createTransports': async (params, conn) => {
      const caps = params.rtpCapabilities as unknown as CallPeerParam<'createTransports', 0>;
      const { send, recv } = await conn.callPeer.createTransports(caps);
      return { send: wireTransport(send), recv: wireTransport(recv) };
    },
    'call.connectTransport': async (params, conn) => {
      const dtls = params.dtlsParameters as unknown as CallPeerParam<'connectTransport', 1>;
      await conn.callPeer.connectTransport(params.transportId, dtls);
      return {};
    },
    'call.produce': async (params, conn) => {
      const rtpParameters = params.rtpParameters as unknown as CallPeerParam<'produce', 0>['rtpParameters'];
      const producerId = await conn.callPeer.produce({ transportId: params.transportId, kind: params.kind, rtpParameters });
      return { producerId };
    },
    'call.resumeConsumer': async (params, conn) => {
      await conn.callPeer.resumeConsumer(params.consumerId);
      return {};
    },
  };
}
