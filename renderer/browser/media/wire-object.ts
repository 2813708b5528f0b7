// mediasoup's parameter objects are typed as interfaces, which TypeScript will not treat as the
// protocol's Record<string, unknown>. They are plain JSON data, so the view is safe.
import type { types as ms } from 'mediasoup-client';
import type { MethodResult } from '../../../common/protocol/methods.js';

export function toWireObject(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}

/** A transport the engine made (media.createRecvTransport, either side of call.createTransports). */
export function transportOptions(params: MethodResult<'media.createRecvTransport'>): ms.TransportOptions {
  return {
    id: params.id,
    iceParameters: params.iceParameters as unknown as ms.IceParameters,
    iceCandidates: params.iceCandidates as unknown as ms.IceCandidate[],
    dtlsParameters: params.dtlsParameters as unknown as ms.DtlsParameters,
  };
}

type Announced = { consumerId: string; producerId: string; kind: 'audio' | 'video'; rtpParameters: Record<string, unknown> };

/**
 * A consumer the engine announced (watch.consumer or call.consumer), made on our transport. The
 * work may be overtaken while the browser makes it (a teardown, a restart): one that arrives when
 * `stillCurrent()` says no is closed at once. Null when there is no consumer to use; `failed`
 * hears why the browser refused one.
 */
export async function consumeAnnounced(
  transport: ms.Transport,
  data: Announced,
  stillCurrent: () => boolean,
  failed: (message: string) => void,
): Promise<ms.Consumer | null> {
  let consumer: ms.Consumer;
  try {
    consumer = await transport.consume({
      id: data.consumerId,
      producerId: data.producerId,
      kind: data.kind,
      // Shape-checked by the protocol schema; mediasoup-client validates them in depth.
      rtpParameters: data.rtpParameters as unknown as ms.RtpParameters,
    });
  } catch (error) {
    failed(error instanceof Error ? error.message : String(error));
    return null;
  }
  if (stillCurrent()) return consumer;
  consumer.close();
  return null;
}
