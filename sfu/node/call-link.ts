// A two-way call between two peers (operator and call box) for one alert: every producer of one
// side is consumed by the other, including producers that appear later and after either side
// renews its transports. Hold pauses both directions without tearing anything down, so
// resuming is instant; close() ends the call's consumers and leaves both peers usable.
import type { types } from 'mediasoup';
import { createLogger } from '../../common/logger.js';
import type { CallPeer } from './call-peer.js';

const log = createLogger('call-link');

export class CallLink {
  private readonly consumers = new Map<types.Consumer, CallPeer>();
  private readonly detachers: (() => void)[] = [];
  /** "peer/producer" pairs being consumed right now, so two triggers never make two consumers. */
  private readonly feeding = new Set<string>();
  private held = false;
  private closed = false;

  constructor(
    readonly alertId: string,
    readonly a: CallPeer,
    readonly b: CallPeer,
  ) {
    this.wire(a, b);
    this.wire(b, a);
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Links the peers (idempotent): each consumes what the other produces now and later. */
  start(): void {
    for (const producer of this.a.producers) void this.feed(producer, this.b);
    for (const producer of this.b.producers) void this.feed(producer, this.a);
  }

  async setHeld(held: boolean): Promise<void> {
    if (this.closed || this.held === held) return;
    this.held = held;
    await Promise.all([...this.consumers].map(([consumer, peer]) => peer.setHeld(consumer, held)));
  }

  /** Idempotent: the call's consumers close (each side is told), the peers stay. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const detach of this.detachers) detach();
    for (const consumer of this.consumers.keys()) consumer.close();
    this.consumers.clear();
  }

  private wire(from: CallPeer, to: CallPeer): void {
    const onProducer = (producer: types.Producer): void => void this.feed(producer, to);
    const onReceiving = (): void => {
      for (const producer of from.producers) void this.feed(producer, to);
    };
    from.on('producer', onProducer);
    to.on('receiving', onReceiving);
    this.detachers.push(
      () => from.off('producer', onProducer),
      () => to.off('receiving', onReceiving),
    );
  }

  private async feed(producer: types.Producer, to: CallPeer): Promise<void> {
    if (this.closed || producer.closed) return;
    const key = `${to.id}/${producer.id}`;
    if (this.feeding.has(key)) return;
    // Already consumed on this peer's current transport: nothing to do.
    for (const [consumer, peer] of this.consumers) {
      if (peer === to && consumer.producerId === producer.id && !consumer.closed) return;
    }
    this.feeding.add(key);
    try {
      const consumer = await to.consume(producer, this.alertId, this.held);
      if (!consumer) return;
      if (this.closed) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer, to);
      consumer.observer.once('close', () => this.consumers.delete(consumer));
      // Put on hold while this consumer was being made.
      if (this.held) await to.setHeld(consumer, true);
    } catch (error) {
      log.warn(`call ${this.alertId}: consume failed`, error);
    } finally {
      this.feeding.delete(key);
    }
  }
}
