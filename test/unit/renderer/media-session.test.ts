// MediaSession and WatchHandle against a fake engine link, with mediasoup-client's own fake
// WebRTC handler standing in for the browser: the signalling order is what is under test.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { FakeHandler } from 'mediasoup-client/lib/handlers/FakeHandler.js';
import * as fakeParameters from 'mediasoup-client/lib/test/fakeParameters.js';
import type { MethodName } from '../../../common/protocol/methods.js';
import { MediaSession } from '../../../renderer/browser/media/media-session.js';
import type { WatchHandle } from '../../../renderer/browser/media/watch-handle.js';
import { tileModelOf, tileStatus, type TileModel } from '../../../renderer/browser/tiles/tile-state.js';
import { FakeEngineLink, fakeDevice, fakeTransportParams, settle } from './fake-engine-link.js';

class FakeEngine extends FakeEngineLink {
  private watches = 0;
  /** Lets a test hold watch.start's answer back. */
  holdStart: Promise<void> = Promise.resolve();

  protected async answer(method: MethodName): Promise<unknown> {
    switch (method) {
      case 'media.routerCapabilities':
        return { rtpCapabilities: fakeParameters.generateRouterRtpCapabilities() };
      case 'media.createRecvTransport':
        return fakeTransportParams();
      case 'watch.start':
        await this.holdStart;
        return { watchId: `watch-${++this.watches}` };
      default:
        return {};
    }
  }

  pushConsumer(watchId: string): void {
    const consumer = fakeParameters.generateConsumerRemoteParameters({ codecMimeType: 'video/VP8' });
    this.emitter.safeEmit('watch.consumer', {
      watchId,
      consumerId: consumer.id ?? randomUUID(),
      producerId: consumer.producerId ?? randomUUID(),
      kind: 'video',
      rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
    });
  }
}

/** What the handle's tile would show. */
const tileOf = (handle: WatchHandle): TileModel => tileModelOf(handle.cameraId, handle.status);

function setup(): { engine: FakeEngine; session: MediaSession } {
  const engine = new FakeEngine();
  const session = new MediaSession(engine, { createDevice: fakeDevice });
  session.start();
  return { engine, session };
}

async function liveWatch(engine: FakeEngine, session: MediaSession): Promise<{ handle: WatchHandle; watchId: string }> {
  const handle = session.watch('cam-1', 'sub');
  await settle();
  const watchId = `watch-${engine.calls.filter((c) => c.method === 'watch.start').length}`;
  engine.emitter.safeEmit('watch.state', { watchId, cameraId: 'cam-1', state: 'live' });
  engine.pushConsumer(watchId);
  await settle();
  return { handle, watchId };
}

describe('media session', () => {
  it('makes one transport, starts the watch on it, consumes, attaches, then resumes', async () => {
    const { engine, session } = setup();
    const tracks: Array<MediaStreamTrack | null> = [];
    const handle = session.watch('cam-1', 'sub');
    handle.onTrack((track) => tracks.push(track));
    await settle();
    assert.ok(session.ready);
    assert.deepEqual(engine.methodsCalled(), ['media.routerCapabilities', 'media.createRecvTransport', 'watch.start']);
    const start = engine.lastParams('watch.start');
    assert.equal(start.cameraId, 'cam-1');
    assert.equal(start.stream, 'sub');
    assert.equal(start.transportId, engine.lastParams('media.createRecvTransport') && session.media()?.transport.id);

    engine.emitter.safeEmit('watch.state', { watchId: 'watch-1', cameraId: 'cam-1', state: 'live' });
    assert.equal(tileStatus(tileOf(handle)), 'live');
    engine.pushConsumer('watch-1');
    await settle();
    assert.equal(tracks.length, 1);
    assert.ok(tracks[0]);
    assert.ok(handle.track);
    // DTLS connect happens on the first consume; resume only after the track exists.
    assert.deepEqual(engine.methodsCalled().slice(3), ['media.connectTransport', 'watch.resume']);

    session.watch('cam-2', 'sub');
    await settle();
    assert.equal(engine.methodsCalled().filter((m) => m === 'media.createRecvTransport').length, 1, 'one transport per page');
    session.close();
  });

  it('a hidden tile pauses forwarding, a visible one resumes it', async () => {
    const { engine, session } = setup();
    const { handle, watchId } = await liveWatch(engine, session);
    handle.setVisible(false);
    await settle();
    assert.equal(tileStatus(tileOf(handle)), 'paused');
    assert.deepEqual(engine.lastParams('watch.pause'), { watchId });
    handle.setVisible(true);
    await settle();
    assert.equal(tileStatus(tileOf(handle)), 'live');
    assert.deepEqual(engine.methodsCalled().slice(-2), ['watch.pause', 'watch.resume']);
    session.close();
  });

  it('a tile hidden before its consumer arrives is never resumed', async () => {
    const { engine, session } = setup();
    const handle = session.watch('cam-1', 'main');
    handle.setVisible(false);
    await settle();
    engine.pushConsumer('watch-1');
    await settle();
    assert.ok(handle.track);
    assert.ok(!engine.methodsCalled().includes('watch.resume'));
    assert.ok(!engine.methodsCalled().includes('watch.pause'), 'nothing to pause: it was never resumed');
    session.close();
  });

  it('events that arrive before watch.start is answered are not lost', async () => {
    const { engine, session } = setup();
    let release = (): void => undefined;
    engine.holdStart = new Promise((resolve) => (release = resolve));
    const handle = session.watch('cam-1', 'main');
    await settle();
    engine.emitter.safeEmit('watch.state', { watchId: 'watch-1', cameraId: 'cam-1', state: 'stalled', detail: 'no packets' });
    release();
    await settle();
    assert.equal(tileStatus(tileOf(handle)), 'stalled');
    session.close();
  });

  it('stop ends the engine-side watch and ignores its later events', async () => {
    const { engine, session } = setup();
    const { handle, watchId } = await liveWatch(engine, session);
    handle.stop();
    await settle();
    assert.deepEqual(engine.lastParams('watch.stop'), { watchId });
    assert.equal(handle.track, null);
    engine.emitter.safeEmit('watch.state', { watchId, cameraId: 'cam-1', state: 'unreachable' });
    assert.equal(tileStatus(tileOf(handle)), 'live');
    session.close();
  });

  it('after an engine reconnect, builds a new transport and restarts the watch', async () => {
    const { engine, session } = setup();
    const { handle } = await liveWatch(engine, session);
    const firstTransport = session.media()?.transport.id;
    const tracks: Array<MediaStreamTrack | null> = [];
    handle.onTrack((track) => tracks.push(track));

    engine.connected = false;
    engine.emitter.safeEmit('disconnected', 'closed (code 1006)');
    assert.equal(tileStatus(tileOf(handle)), 'connecting');
    assert.equal(tileOf(handle).detail, 'engine connection lost');
    assert.deepEqual(tracks, [null]);
    assert.equal(session.ready, false);

    engine.connected = true;
    engine.emitter.safeEmit('connected');
    await settle();
    assert.ok(session.ready);
    assert.notEqual(session.media()?.transport.id, firstTransport);
    const start = engine.lastParams('watch.start');
    assert.equal(start.transportId, session.media()?.transport.id);
    engine.pushConsumer('watch-2');
    await settle();
    assert.ok(tracks.at(-1));
    session.close();
  });

  it('a failed transport is rebuilt and its watches restarted', async () => {
    const { engine, session } = setup();
    const { handle } = await liveWatch(engine, session);
    const transport = session.media()!.transport;
    (transport.handler as FakeHandler).setConnectionState('failed');
    assert.equal(tileStatus(tileOf(handle)), 'connecting');
    assert.equal(tileOf(handle).detail, 'media transport failed');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    assert.ok(session.ready);
    assert.notEqual(session.media()?.transport.id, transport.id);
    assert.equal(engine.methodsCalled().filter((m) => m === 'watch.start').length, 2);
    session.close();
  });

  it('a consumer the browser cannot take makes the tile unsupported', async () => {
    const { engine, session } = setup();
    const handle = session.watch('cam-1', 'main');
    await settle();
    const consumer = fakeParameters.generateConsumerRemoteParameters({ codecMimeType: 'video/H264' });
    const rtp = { ...consumer.rtpParameters, codecs: [{ mimeType: 'video/H265', payloadType: 127, clockRate: 90000 }] };
    engine.emitter.safeEmit('watch.consumer', {
      watchId: 'watch-1',
      consumerId: consumer.id ?? randomUUID(),
      producerId: consumer.producerId ?? randomUUID(),
      kind: 'video',
      rtpParameters: rtp as unknown as Record<string, unknown>,
    });
    await settle();
    assert.equal(tileStatus(tileOf(handle)), 'unsupported');
    session.close();
  });
});
