// A batch of viewers on our engine, the way a page opens them (renderer/browser/media/): a
// logged-in socket, one receive transport, watch.start per stream (the engine pulls the camera on
// demand and answers with a paused consumer), one SDP offer made of the transport's and the
// consumers' parameters, DTLS connected, then watch.resume. RTX is left out of the capabilities,
// so a loss stays a loss (the receiver sends no NACKs either).
import { TestClient } from '../../test/support/ws-client.js';
import { CountingPeer } from './counting-peer.js';
import { dtlsFromAnswer, mediasoupOffer, type ConsumerParams, type TransportParams } from './remote-sdp.js';
import type { StreamCounts } from './stream-counter.js';

export interface EngineBatchSpec {
  wsUrl: string;
  username: string;
  password: string;
  streams: { cameraId: string; stream: 'main' | 'sub' }[];
}

interface Capabilities {
  codecs: { mimeType: string }[];
  headerExtensions: unknown[];
}

const CONSUMERS_WITHIN_MS = 20_000;

export class EngineViewers {
  static async open(spec: EngineBatchSpec): Promise<EngineViewers> {
    const client = await TestClient.connect(spec.wsUrl);
    let peer: CountingPeer | undefined;
    try {
      await client.ok('session.login', { username: spec.username, password: spec.password });
      const { rtpCapabilities } = (await client.ok('media.routerCapabilities', {})) as { rtpCapabilities: Capabilities };
      const capabilities = { ...rtpCapabilities, codecs: rtpCapabilities.codecs.filter((c) => !/\/rtx$/i.test(c.mimeType)) };
      const transport = (await client.ok('media.createRecvTransport', {})) as TransportParams;
      const watchIds: string[] = [];
      for (const s of spec.streams) {
        const { watchId } = await client.ok('watch.start', { transportId: transport.id, ...s, rtpCapabilities: capabilities });
        watchIds.push(watchId as string);
      }
      const consumers: ConsumerParams[] = [];
      for (const watchId of watchIds) {
        const frame = await client.waitFrame((f) => f.event === 'watch.consumer' && f.data?.watchId === watchId, `consumer for ${watchId}`, CONSUMERS_WITHIN_MS);
        consumers.push(frame.data as ConsumerParams);
      }
      const made = await CountingPeer.answer(mediasoupOffer(transport, consumers));
      peer = made.peer;
      await client.ok('media.connectTransport', { transportId: transport.id, dtlsParameters: dtlsFromAnswer(made.answer) });
      await peer.connected(10_000);
      for (const watchId of watchIds) await client.ok('watch.resume', { watchId });
      // Events pile up in the client's list; none is read after this.
      client.frames.length = 0;
      return new EngineViewers(client, peer);
    } catch (error) {
      client.close();
      await peer?.close();
      throw error;
    }
  }

  private constructor(
    private readonly client: TestClient,
    private readonly peer: CountingPeer,
  ) {}

  counts(): StreamCounts[] {
    return Object.values(this.peer.counts());
  }

  async close(): Promise<void> {
    this.client.close();
    await this.peer.close();
  }
}
