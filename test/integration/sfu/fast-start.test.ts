// Fast start on a real worker and real ingest shards: a viewer joining a 4 s-GOP camera mid-GOP
// gets a keyframe within 300 ms on its own fast-start producer (not at the camera's next keyframe),
// the fast start ends on that next keyframe, and fast starts per camera are capped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { types } from 'mediasoup';
import { Sfu, type Viewer } from '../../../sfu/index.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import type { EventData } from '../../../common/protocol/events.js';
import { until } from '../../support/wait.js';

const CAMERA = 'gop4';

/** A page's side: its watch's consumer events, resumed as a ready page does. */
async function join(sfu: Sfu): Promise<{ viewer: Viewer; announced: Promise<EventData<'watch.consumer'>>; ended: Promise<EventData<'watch.fastStartEnded'>>; watchId: string }> {
  const viewer = sfu.createViewer();
  const announced = new Promise<EventData<'watch.consumer'>>((resolve) => viewer.once('watch.consumer', resolve));
  const ended = new Promise<EventData<'watch.fastStartEnded'>>((resolve) => viewer.once('watch.fastStartEnded', resolve));
  const { id } = await viewer.createRecvTransport();
  const watchId = await viewer.startWatch({ transportId: id, cameraId: CAMERA, stream: 'main', rtpCapabilities: sfu.rtpCapabilities });
  return { viewer, announced, ended, watchId };
}

describe('fast start: joining a camera mid-GOP', () => {
  let sim: CameraSimulator;
  let sfu: Sfu;
  const producers = new Map<string, types.Producer>();

  before(async () => {
    sim = await CameraSimulator.create({ port: 0, cameras: [{ id: CAMERA, main: mediaPath(MEDIA_CLIPS.main720Gop4) }] });
    sfu = await Sfu.create({
      listenIp: '127.0.0.1',
      mediaWorkers: 1,
      ingestShards: 1,
      resolveEndpoint: (cameraId, stream) => ({ cameraId, stream, url: sim.url(cameraId, stream), transport: 'tcp' }),
    });
    // Every producer made on the worker, to watch the fast-start ones' keyframes.
    sfu.routers[0]!.observer.on('newtransport', (t) => t.observer.on('newproducer', (p) => producers.set(p.id, p)));
  });

  after(async () => {
    sfu?.close();
    await sim?.close();
  });

  it('a second viewer gets a keyframe within 300 ms, and its fast start ends on the next keyframe', async (t) => {
    const first = await join(sfu);
    const shared = await first.announced;
    assert.equal(shared.fastStart, undefined, 'the first viewer starts the stream: the held GOP is the shared one');
    await first.viewer.resumeWatch(first.watchId);
    const source = await sfu.sources.acquire(CAMERA, 'main');
    sfu.sources.release(CAMERA, 'main');
    await until('the stream is forwarded', 5000, async () => ((await source.producer?.getStats())?.[0]?.byteCount ?? 0) > 100_000);
    await new Promise((r) => setTimeout(r, 1500)); // inside the 4 s GOP

    const second = await join(sfu);
    const announced = await second.announced;
    assert.ok(announced.fastStart, 'a viewer joining a forwarded camera is offered a fast start');
    const fastProducer = producers.get(announced.fastStart.producerId)!;
    await fastProducer.enableTraceEvent(['keyframe']);
    const keyframe = new Promise<number>((resolve) => fastProducer.once('trace', () => resolve(performance.now())));
    const resumedAt = performance.now();
    await second.viewer.resumeWatch(second.watchId);
    const keyframeMs = (await keyframe) - resumedAt;
    t.diagnostic(`keyframe on the fast start ${Math.round(keyframeMs)} ms after watch.resume`);
    assert.ok(keyframeMs < 300, `keyframe after ${Math.round(keyframeMs)} ms`);

    const ended = await second.ended;
    assert.equal(ended.reason, 'keyframe');
    await until('the fast start is taken down after the switch grace', 5000, () => fastProducer.closed);
    assert.equal(sfu.watchStates().find((w) => w.watchId === second.watchId)?.consumerPaused, false, 'the shared consumer carries on');
    first.viewer.close();
    second.viewer.close();
  });

  it('at most 8 fast starts run for one camera; the others start at its next keyframe', async () => {
    const opener = await join(sfu);
    await opener.announced;
    await opener.viewer.resumeWatch(opener.watchId);
    await until('forwarded again', 5000, async () => (await sfu.sources.acquire(CAMERA, 'main').then((s) => (sfu.sources.release(CAMERA, 'main'), s))).canFastStart);
    const joiners = await Promise.all(Array.from({ length: 10 }, () => join(sfu)));
    const offers = await Promise.all(joiners.map((j) => j.announced));
    await Promise.all(joiners.map((j) => j.viewer.resumeWatch(j.watchId)));
    const offered = offers.filter((o) => o.fastStart).length;
    assert.ok(offered >= 1 && offered <= 8, `${offered} fast starts offered to 10 joiners`);
    for (const v of [opener, ...joiners]) v.viewer.close();
  });
});
