// One side of two-way calls (an operator's console or a call-box kiosk): a send transport for
// its camera and microphone, a receive transport for the other side's, and the consumers a
// CallLink creates on it. Consumers start paused and forward only once the client has attached
// them (call.resumeConsumer) and the call is not on hold: both must be true.
import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import { JharokhaError } from '../../common/errors.js';
import type { EventData } from '../../common/protocol/events.js';
import { ClientTransports, transportParams, type TransportLostEvents, type TransportParams } from './client-transports.js';
import type { MediaWorker } from './pool/media-worker.js';

/** A camera and a microphone; a client that produces more is misbehaving. */
const MAX_PRODUCERS = 2;

export type CallPeerEvents = TransportLostEvents & {
  'call.consumer': [EventData<'call.consumer'>];
  'call.consumerClosed': [EventData<'call.consumerClosed'>];
  /** A new producer: links feed it to the other side. */
  producer: [producer: types.Producer];
  /** New transports: links consume the other side afresh. */
  receiving: [];
  close: [];
};

interface CallConsumer {
  consumer: types.Consumer;
  clientReady: boolean;
  held: boolean;
}

export class CallPeer extends ClientTransports<CallPeerEvents> {
  readonly id = randomUUID();
  private send: types.WebRtcTransport | undefined;
  private recv: types.WebRtcTransport | undefined;
  /** Where this peer's pair lives: its producers are made there, others' are piped there. */
  private worker: MediaWorker | undefined;
  private rtpCapabilities: types.RtpCapabilities | undefined;
  private readonly producerMap = new Map<string, types.Producer>();
  private readonly consumers = new Map<string, CallConsumer>();

  get producers(): types.Producer[] {
    return [...this.producerMap.values()];
  }

  /** Ready to receive: it has a receive transport and said what it can decode. */
  get canReceive(): boolean {
    return !this.closed && this.recv !== undefined && this.rtpCapabilities !== undefined;
  }

  /** The pool worker of this peer's transports, while it has them (diagnostics, tests). */
  get workerIndex(): number | undefined {
    return this.worker?.index;
  }

  /** A fresh pair each time (a client that reconnects its media starts over). */
  async createTransports(rtpCapabilities: types.RtpCapabilities): Promise<{ send: TransportParams; recv: TransportParams }> {
    this.assertOpen();
    this.closeTransport(this.send);
    this.closeTransport(this.recv);
    this.send = this.recv = this.worker = undefined;
    // Both on one worker; when it dies the client is told (transport.lost) and asks for a new pair.
    const lost = (transport: types.WebRtcTransport): void => {
      if (transport === this.send || transport === this.recv) this.send = this.recv = this.worker = undefined;
    };
    const first = await this.openTransport(lost);
    const second = await this.openTransport(lost, first.worker).catch((error: unknown) => {
      this.closeTransport(first.transport);
      throw error;
    });
    const [send, recv] = [first.transport, second.transport];
    if (this.closed) {
      this.closeTransport(send);
      this.closeTransport(recv);
      throw new JharokhaError('InvalidState', 'client closed');
    }
    this.send = send;
    this.recv = recv;
    this.worker = first.worker;
    this.rtpCapabilities = rtpCapabilities;
    // After the response carrying the transport ids: consumers on them are announced next.
    setImmediate(() => {
      if (this.recv === recv) this.safeEmit('receiving');
    });
    return { send: transportParams(send), recv: transportParams(recv) };
  }

  async produce(params: { transportId: string; kind: 'audio' | 'video'; rtpParameters: types.RtpParameters }): Promise<string> {
    const transport = this.transport(params.transportId);
    const worker = this.worker;
    if (transport !== this.send || !worker) throw new JharokhaError('BadRequest', 'produce on the send transport');
    if (this.producerMap.size >= MAX_PRODUCERS) throw new JharokhaError('InvalidState', `at most ${MAX_PRODUCERS} producers per client`);
    let producer: types.Producer;
    try {
      producer = await transport.produce({ kind: params.kind, rtpParameters: params.rtpParameters });
    } catch (error) {
      // mediasoup rejects RTP parameters it cannot route: the client's fault, say what was wrong.
      throw new JharokhaError('BadRequest', `cannot produce: ${(error as Error).message}`);
    }
    if (this.closed) {
      producer.close();
      throw new JharokhaError('InvalidState', 'client closed');
    }
    this.pool.adopt(producer, worker);
    this.producerMap.set(producer.id, producer);
    producer.observer.once('close', () => this.producerMap.delete(producer.id));
    this.safeEmit('producer', producer);
    return producer.id;
  }

  /** A consumer of another peer's producer on this peer's receive transport, paused. */
  async consume(producer: types.Producer, alertId: string, held: boolean): Promise<types.Consumer | undefined> {
    const { recv, worker, rtpCapabilities } = this;
    if (!recv || !worker || !rtpCapabilities || this.closed) return undefined;
    await this.pool.bring(producer, worker);
    if (!worker.router.canConsume({ producerId: producer.id, rtpCapabilities })) return undefined;
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities, paused: true });
    if (this.closed || recv.closed) {
      consumer.close();
      return undefined;
    }
    this.consumers.set(consumer.id, { consumer, clientReady: false, held });
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      this.safeEmit('call.consumerClosed', { consumerId: consumer.id });
    });
    this.safeEmit('call.consumer', {
      alertId,
      consumerId: consumer.id,
      producerId: producer.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
    });
    return consumer;
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    const entry = this.consumers.get(consumerId);
    if (!entry) throw new JharokhaError('NotFound', `no call consumer ${consumerId}`);
    entry.clientReady = true;
    await this.apply(entry);
  }

  async setHeld(consumer: types.Consumer, held: boolean): Promise<void> {
    const entry = this.consumers.get(consumer.id);
    if (!entry) return;
    entry.held = held;
    await this.apply(entry);
  }

  /** Idempotent. Cascade: transports close → their producers and consumers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeTransport(this.send);
    this.closeTransport(this.recv);
    this.safeEmit('close');
    this.removeAllListeners();
  }

  private async apply(entry: CallConsumer): Promise<void> {
    const forward = entry.clientReady && !entry.held;
    if (forward && entry.consumer.paused) {
      await entry.consumer.resume();
      // The viewer's decoder starts on a keyframe: ask the sending browser for one now.
      if (entry.consumer.kind === 'video') await entry.consumer.requestKeyFrame();
    } else if (!forward && !entry.consumer.paused) {
      await entry.consumer.pause();
    }
  }

  protected transport(id: string): types.WebRtcTransport {
    this.assertOpen();
    const transport = this.send?.id === id ? this.send : this.recv?.id === id ? this.recv : undefined;
    if (!transport) throw new JharokhaError('NotFound', `no call transport ${id}`);
    return transport;
  }
}
