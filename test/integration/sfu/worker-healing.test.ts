// A mediasoup worker killed with SIGKILL under load, in a pool of two real workers: its camera
// streams are produced again, the watches that relied on it are back within 3 s, the watches that
// did not never blink, and an answered call's media is restored both ways.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { types } from 'mediasoup';
import { CallLink, Sfu, type CallPeer, type Viewer } from '../../../sfu/index.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { until } from '../../support/wait.js';

const CAMERAS = ['cam-0', 'cam-1', 'cam-2', 'cam-3'];
const HEAL_MS = 3_000;

/** A page's side of the watches: every consumer announced, resumed as a ready page would. */
class PageWatches {
  readonly consumers = new Map<string, string[]>();
  readonly lost: string[] = [];
  transportId = '';

  constructor(readonly viewer: Viewer) {
    viewer.on('watch.consumer', (e) => {
      this.consumers.set(e.watchId, [...(this.consumers.get(e.watchId) ?? []), e.consumerId]);
      void viewer.resumeWatch(e.watchId);
    });
    viewer.on('transport.lost', (e) => this.lost.push(e.transportId));
  }

  async watchAll(sfu: Sfu): Promise<string[]> {
    this.transportId = (await this.viewer.createRecvTransport()).id;
    return Promise.all(CAMERAS.map((cameraId) => this.viewer.startWatch({ transportId: this.transportId, cameraId, stream: 'sub', rtpCapabilities: sfu.rtpCapabilities })));
  }

  consumerCount(watchIds: string[]): number {
    return watchIds.reduce((n, id) => n + (this.consumers.get(id)?.length ?? 0), 0);
  }
}

describe('a mediasoup worker dies under load (pool of two)', () => {
  let sim: CameraSimulator;
  let sfu: Sfu;

  before(async () => {
    sim = await CameraSimulator.create({ port: 0, cameras: CAMERAS.map((id) => ({ id, main: mediaPath(MEDIA_CLIPS.main720Gop1), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) })) });
    sfu = await Sfu.create({
      listenIp: '127.0.0.1',
      mediaWorkers: 2,
      resolveEndpoint: (cameraId, stream) => ({ cameraId, stream, url: sim.url(cameraId, stream), transport: 'tcp' }),
    });
  });

  after(async () => {
    sfu?.close();
    await sim?.close();
  });

  it("only the dead worker's watches blink, and all are back within 3 s; the pool is whole again", async () => {
    // Pages are placed by load: open them until both workers carry one (two or three, in practice).
    const pages: PageWatches[] = [];
    const watchIds: string[][] = [];
    const workerOf = (page: number): number => sfu.watchStates().find((w) => w.watchId === watchIds[page]![0])!.transportWorker;
    while (pages.length < 6 && new Set(pages.map((_, i) => workerOf(i))).size < 2) {
      const page = new PageWatches(sfu.createViewer());
      pages.push(page);
      watchIds.push(await page.watchAll(sfu));
    }
    await until('every watch has a consumer', 10_000, () => pages.every((p, i) => p.consumerCount(watchIds[i]!) === CAMERAS.length));
    const states = sfu.watchStates();
    assert.deepEqual([...new Set(states.map((w) => w.sourceWorker))].sort(), [0, 1], 'camera streams are spread over both workers');

    // The victim: the worker carrying the first page's transport; the survivor: a page on the other one.
    const victim = workerOf(0);
    const survivorIndex = pages.findIndex((_, i) => workerOf(i) !== victim);
    const survivor = pages[survivorIndex]!;
    const survivorIds = watchIds[survivorIndex]!;
    const onVictim = new Set(states.filter((w) => survivorIds.includes(w.watchId) && w.sourceWorker === victim).map((w) => w.watchId));
    const untouched = survivorIds.filter((id) => !onVictim.has(id));
    assert.ok(onVictim.size > 0 && untouched.length > 0, 'the surviving page watches streams on both workers');
    const before = new Map(survivorIds.map((id) => [id, survivor.consumers.get(id)!.length]));
    const restarted = new Promise<number>((resolve) => sfu.once('restarted', (r) => resolve(r.index)));

    const victimPid = sfu.health().workers[victim]!.pid!;
    const killedAt = performance.now();
    process.kill(victimPid, 'SIGKILL');

    // The page whose transport died is told at once and, as a page does, asks for a new one.
    await until('the first page hears its transport went', HEAL_MS, () => pages[0]!.lost.includes(pages[0]!.transportId));
    const renewed = await pages[0]!.watchAll(sfu);
    await until('the first page watches again', HEAL_MS, () => pages[0]!.consumerCount(renewed) === CAMERAS.length);
    // The other page's watches of streams the dead worker produced get a new consumer, on their own.
    await until('the streams the dead worker produced are consumed again', HEAL_MS, () => [...onVictim].every((id) => survivor.consumers.get(id)!.length === before.get(id)! + 1));
    const healedMs = performance.now() - killedAt;
    assert.ok(healedMs < HEAL_MS, `healed in ${Math.round(healedMs)} ms`);
    for (const id of untouched) assert.equal(survivor.consumers.get(id)!.length, before.get(id), 'a watch on the live worker never blinks');
    assert.equal(survivor.lost.length, 0, "the live worker's transport stays");

    // Every stream is produced and fed again, and the dead worker's slot is refilled.
    assert.equal(await restarted, victim);
    for (const cameraId of CAMERAS) {
      const source = await sfu.sources.acquire(cameraId, 'sub');
      await until(`${cameraId} fed again`, HEAL_MS, async () => ((await source.producer?.getStats())?.[0]?.byteCount ?? 0) > 10_000);
      sfu.sources.release(cameraId, 'sub');
    }
    const health = sfu.health().workers;
    assert.ok(health.every((w) => w.alive), JSON.stringify(health));
    assert.equal(health[victim]!.restarts, 1);
    assert.notEqual(health[victim]!.pid, victimPid);
    for (const page of pages) page.viewer.close();
  });

  it("an answered call's media comes back both ways after its worker dies", async () => {
    const operator = sfu.createCallPeer();
    const box = sfu.createCallPeer();
    const consumed = new Map<CallPeer, string[]>([[operator, []], [box, []]]);
    const lost = new Map<CallPeer, number>([[operator, 0], [box, 0]]);
    for (const peer of [operator, box]) {
      peer.on('call.consumer', (e) => consumed.get(peer)!.push(e.producerId));
      peer.on('transport.lost', () => lost.set(peer, lost.get(peer)! + 1));
    }
    const open = async (peer: CallPeer): Promise<string> => {
      const { send } = await peer.createTransports(sfu.rtpCapabilities);
      return peer.produce({ transportId: send.id, kind: 'audio', rtpParameters: opusParameters() });
    };
    const [operatorProducer, boxProducer] = [await open(operator), await open(box)];
    const link = new CallLink('alert-1', operator, box);
    link.start();
    await until('each side consumes the other', 5_000, () => consumed.get(operator)!.includes(boxProducer) && consumed.get(box)!.includes(operatorProducer));

    // Kill the box's worker (a pool of two may have put both on one: then both are told).
    const boxWorker = sfu.health().workers[box.workerIndex!]!;
    const killedAt = performance.now();
    process.kill(boxWorker.pid!, 'SIGKILL');
    await until('the box hears its transports went', HEAL_MS, () => lost.get(box)! > 0);
    // The kiosk renews its transports and produces again, as call-media.ts does on media.transportClosed.
    const newBoxProducer = await open(box);
    const newOperatorProducer = lost.get(operator)! > 0 ? await open(operator) : operatorProducer;
    await until('media flows both ways again', HEAL_MS, () => consumed.get(operator)!.includes(newBoxProducer) && consumed.get(box)!.filter((id) => id === newOperatorProducer).length >= (newOperatorProducer === operatorProducer ? 2 : 1));
    assert.ok(performance.now() - killedAt < HEAL_MS);
    link.close();
    operator.close();
    box.close();
  });
});

function opusParameters(): types.RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    encodings: [{ ssrc: Math.floor(Math.random() * 2 ** 31) + 1 }],
    headerExtensions: [],
    rtcp: { cname: 'test', reducedSize: true },
  };
}
