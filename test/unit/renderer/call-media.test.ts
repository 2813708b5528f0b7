// CallMedia against a fake engine link, with mediasoup-client's fake WebRTC handler and fake
// tracks standing in for the browser: the signalling order and the close cascade are under test.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import * as fakeParameters from 'mediasoup-client/lib/test/fakeParameters.js';
import type { MethodName } from '../../../common/protocol/methods.js';
import { CallMedia } from '../../../renderer/browser/media/call-media.js';
import { FakeEngineLink, fakeDevice, fakeTransportParams, settle } from './fake-engine-link.js';

class FakeEngine extends FakeEngineLink {
  protected async answer(method: MethodName): Promise<unknown> {
    switch (method) {
      case 'media.routerCapabilities':
        return { rtpCapabilities: fakeParameters.generateRouterRtpCapabilities() };
      case 'call.createTransports':
        return { send: fakeTransportParams(), recv: fakeTransportParams() };
      case 'call.produce':
        return { producerId: randomUUID() };
      default:
        return {};
    }
  }

  pushConsumer(kind: 'audio' | 'video', alertId: string): string {
    // mediasoup's consumer ids are UUIDs (call.resumeConsumer checks); the fake's are not.
    const consumerId = randomUUID();
    const consumer = fakeParameters.generateConsumerRemoteParameters({ id: consumerId, codecMimeType: kind === 'video' ? 'video/VP8' : 'audio/opus' });
    this.emitter.safeEmit('call.consumer', {
      alertId,
      consumerId,
      producerId: consumer.producerId ?? randomUUID(),
      kind,
      rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
    });
    return consumerId;
  }
}

function fakeStream(tracks: FakeMediaStreamTrack[]): MediaStream {
  return {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
}

function setup(getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>) {
  const engine = new FakeEngine();
  const captured: FakeMediaStreamTrack[] = [];
  const media = new CallMedia(engine, {
    createDevice: fakeDevice,
    getUserMedia:
      getUserMedia ??
      (async (constraints) => {
        const tracks = [new FakeMediaStreamTrack({ kind: 'audio' })];
        if (constraints.video) tracks.push(new FakeMediaStreamTrack({ kind: 'video' }));
        captured.push(...tracks);
        return fakeStream(tracks);
      }),
  });
  media.start();
  return { engine, media, captured };
}

/** Set up with transports ready and a call producing. */
async function setupInCall(): Promise<ReturnType<typeof setup>> {
  const parts = setup();
  await settle();
  parts.media.setActiveCall('alert-1');
  await settle();
  return parts;
}

describe('call media', () => {
  it('makes both transports on connect, and captures nothing until there is a call', async () => {
    const { engine, media, captured } = setup();
    await settle();
    assert.deepEqual(engine.methodsCalled(), ['media.routerCapabilities', 'call.createTransports']);
    assert.ok(media.ready);
    assert.equal(captured.length, 0);
    assert.equal(media.capture.kind, 'off');
    media.close();
  });

  it('produces camera and microphone while in a call, and stops them (camera off) when it ends', async () => {
    const { engine, media, captured } = await setupInCall();
    assert.deepEqual(media.producing.sort(), ['audio', 'video']);
    assert.equal(engine.count('call.produce'), 2);
    assert.equal(engine.count('call.connectTransport'), 1, 'the send transport connects on its first produce');
    assert.deepEqual(media.capture, { kind: 'on', audio: true, video: true });
    assert.ok(media.localStream);

    media.setActiveCall(null);
    await settle();
    assert.deepEqual(media.producing, []);
    assert.equal(media.localStream, null);
    assert.ok(captured.every((track) => track.readyState === 'ended'), 'tracks stopped');
    // The engine closes a session's producers only with its transports: a fresh pair ends them.
    assert.equal(engine.count('call.createTransports'), 2);
    assert.ok(media.ready);

    media.setActiveCall('alert-2');
    await settle();
    assert.deepEqual(media.producing.sort(), ['audio', 'video'], 'the next call produces afresh');
    const sendIds = engine.calls.filter((c) => c.method === 'call.produce').map((c) => (c.params as { transportId: string }).transportId);
    assert.equal(new Set(sendIds).size, 2, 'two producers on each send transport, never more');
    media.close();
  });

  it('consumes what the engine pushes, then resumes it; closes it on call.consumerClosed', async () => {
    const { engine, media } = setup();
    await settle();
    media.setActiveCall('alert-1');
    const seen: Array<MediaStreamTrack | null> = [];
    media.subscribe(() => seen.push(media.remoteTrack('video')));
    const consumerId = engine.pushConsumer('video', 'alert-1');
    engine.pushConsumer('audio', 'alert-1');
    await settle();
    assert.ok(media.remoteTrack('video'));
    assert.ok(media.remoteTrack('audio'));
    // The track is handed out (listeners attach it) before the engine is asked to resume.
    const resumes = engine.calls.filter((c) => c.method === 'call.resumeConsumer').map((c) => (c.params as { consumerId: string }).consumerId);
    assert.ok(resumes.includes(consumerId));
    assert.ok(seen.some((track) => track !== null));
    assert.ok(await media.remoteStats('video').getStats(), 'stats come from the current consumer');

    engine.emitter.safeEmit('call.consumerClosed', { consumerId });
    assert.equal(media.remoteTrack('video'), null);
    assert.ok(media.remoteTrack('audio'));
    assert.equal(await media.remoteStats('video').getStats(), null);
    media.close();
  });

  it('on hold keeps producing; switching calls keeps the producers and shows the new call', async () => {
    const { engine, media } = await setupInCall();
    engine.pushConsumer('video', 'alert-1');
    await settle();
    const first = media.remoteTrack('video');
    media.setActiveCall('alert-2');
    engine.pushConsumer('video', 'alert-2');
    await settle();
    assert.equal(engine.count('call.produce'), 2, 'no new producers');
    assert.notEqual(media.remoteTrack('video'), first);
    media.setActiveCall('alert-1');
    assert.equal(media.remoteTrack('video'), first, 'the active call is shown even if older');
    media.close();
  });

  it('after an engine reconnect mid-call, makes new transports and produces the kept capture again', async () => {
    const { engine, media, captured } = await setupInCall();
    engine.pushConsumer('video', 'alert-1');
    await settle();

    engine.connected = false;
    engine.emitter.safeEmit('disconnected', 'closed (code 1006)');
    assert.equal(media.ready, false);
    assert.deepEqual(media.producing, []);
    assert.equal(media.remoteTrack('video'), null);
    assert.ok(captured.every((track) => track.readyState === 'live'), 'the camera stays on through a reconnect');

    engine.connected = true;
    engine.emitter.safeEmit('connected');
    await settle();
    assert.equal(engine.count('call.createTransports'), 2);
    assert.equal(engine.count('call.produce'), 4);
    assert.equal(captured.length, 2, 'no second getUserMedia');
    media.close();
  });

  it('without a camera, still sends the voice; with nothing, says why', async () => {
    const audioOnly = setup(async (constraints) => {
      if (constraints.video) throw new Error('NotFoundError: no camera');
      return fakeStream([new FakeMediaStreamTrack({ kind: 'audio' })]);
    });
    await settle();
    audioOnly.media.setActiveCall('alert-1');
    await settle();
    assert.deepEqual(audioOnly.media.producing, ['audio']);
    assert.deepEqual(audioOnly.media.capture, { kind: 'on', audio: true, video: false });
    audioOnly.media.close();

    const nothing = setup(async () => {
      throw new Error('NotAllowedError: permission denied');
    });
    await settle();
    nothing.media.setActiveCall('alert-1');
    await settle();
    assert.equal(nothing.media.capture.kind, 'failed');
    assert.deepEqual(nothing.media.producing, []);
    nothing.media.close();
  });

  it('a call that ends while the camera is still starting leaves it off', async () => {
    let release = (): void => undefined;
    const track = new FakeMediaStreamTrack({ kind: 'video' });
    const { media, engine } = setup(() => new Promise((resolve) => (release = () => resolve(fakeStream([track])))));
    await settle();
    media.setActiveCall('alert-1');
    await settle(5);
    media.setActiveCall(null);
    release();
    await settle();
    assert.equal(track.readyState, 'ended');
    assert.equal(engine.count('call.produce'), 0);
    media.close();
  });
});
