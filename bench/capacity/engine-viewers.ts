// A batch of viewers on our engine, the way pages open them (renderer/browser/media/): a
// logged-in socket, receive transports of a few consumers each, watch.start per stream (the engine pulls the camera on
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
/** A logged-in engine under load may take seconds to hash a password. */
const REQUEST_WITHIN_MS = 15_000;
/**
 * Consumers per transport: a 2×2 wall page's worth. Many more on one socket (16 viewers of one
 * camera get each packet at the same instant) overflow a JavaScript receiver's socket buffer
 * whenever the machine stalls it, which no browser with its own network thread would suffer.
 */
export const CONSUMERS_PER_TRANSPORT = 4;

type Ask = (method: string, params: unknown) => ReturnType<TestClient['ok']>;

// A person's later sockets resume their login as a reloaded page does: one password hash (scrypt,
// a third of a second of the engine's CPU) per person, not one per batch inside a measured ramp.
const logins = new Map<string, Promise<string>>();

async function logIn(spec: EngineBatchSpec, ok: Ask): Promise<void> {
  const key = `${spec.wsUrl} ${spec.username}`;
  const known = logins.get(key);
  if (known) {
    await ok('session.resume', { token: await known });
    return;
  }
  const token = ok('session.login', { username: spec.username, password: spec.password }).then((r) => r.token as string);
  logins.set(key, token);
  token.catch(() => logins.delete(key));
  await token;
}

export class EngineViewers {
  static async open(spec: EngineBatchSpec): Promise<EngineViewers> {
    const client = await TestClient.connect(spec.wsUrl);
    const peers: CountingPeer[] = [];
    const ok: Ask = (method, params) => client.ok(method, params, REQUEST_WITHIN_MS);
    try {
      await logIn(spec, ok);
      const { rtpCapabilities } = (await ok('media.routerCapabilities', {})) as { rtpCapabilities: Capabilities };
      const capabilities = { ...rtpCapabilities, codecs: rtpCapabilities.codecs.filter((c) => !/\/rtx$/i.test(c.mimeType)) };
      for (let i = 0; i < spec.streams.length; i += CONSUMERS_PER_TRANSPORT) {
        peers.push(await openTransport(client, ok, capabilities, spec.streams.slice(i, i + CONSUMERS_PER_TRANSPORT)));
      }
      // Events pile up in the client's list; none is read after this.
      client.frames.length = 0;
      return new EngineViewers(client, peers);
    } catch (error) {
      client.close();
      await Promise.all(peers.map((p) => p.close()));
      throw error;
    }
  }

  private constructor(
    private readonly client: TestClient,
    private readonly peers: CountingPeer[],
  ) {}

  counts(): StreamCounts[] {
    return this.peers.flatMap((p) => Object.values(p.counts()));
  }

  async close(): Promise<void> {
    this.client.close();
    await Promise.all(this.peers.map((p) => p.close()));
  }
}

async function openTransport(
  client: TestClient,
  ok: Ask,
  capabilities: Capabilities,
  streams: EngineBatchSpec['streams'],
): Promise<CountingPeer> {
  const transport = (await ok('media.createRecvTransport', {})) as TransportParams;
  const watchIds: string[] = [];
  for (const s of streams) watchIds.push((await ok('watch.start', { transportId: transport.id, ...s, rtpCapabilities: capabilities })).watchId as string);
  const consumers: ConsumerParams[] = [];
  for (const watchId of watchIds) {
    const frame = await client.waitFrame((f) => f.event === 'watch.consumer' && f.data?.watchId === watchId, `consumer for ${watchId}`, CONSUMERS_WITHIN_MS);
    consumers.push(frame.data as ConsumerParams);
  }
  const { peer, answer } = await CountingPeer.answer(mediasoupOffer(transport, consumers));
  try {
    await ok('media.connectTransport', { transportId: transport.id, dtlsParameters: dtlsFromAnswer(answer) });
    await peer.connected(10_000);
    for (const watchId of watchIds) await ok('watch.resume', { watchId });
    return peer;
  } catch (error) {
    await peer.close();
    throw error;
  }
}
