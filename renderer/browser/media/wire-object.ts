// mediasoup's parameter objects are typed as interfaces, which TypeScript will not treat as the
// protocol's Record<string, unknown>. They are plain JSON data, so the view is safe.
import type { types as ms } from 'mediasoup-client';

export function toWireObject(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}

/** A consumer the engine announced (watch.consumer or call.consumer), made on our transport. */
export function consumeAnnounced(
  transport: ms.Transport,
  data: { consumerId: string; producerId: string; kind: 'audio' | 'video'; rtpParameters: Record<string, unknown> },
): Promise<ms.Consumer> {
  return transport.consume({
    id: data.consumerId,
    producerId: data.producerId,
    kind: data.kind,
    // Shape-checked by the protocol schema; mediasoup-client validates them in depth.
    rtpParameters: data.rtpParameters as unknown as ms.RtpParameters,
  });
}
