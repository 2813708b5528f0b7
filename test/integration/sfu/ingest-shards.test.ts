// Ingest shards on real processes and sockets: the simulator serves RTSP, each feed sends to a
// UDP sink standing in for a PlainTransport, and shards are killed with SIGKILL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IngestShards, type Feed, type FeedSpec } from '../../../sfu/node/ingest-shards/index.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { UdpSink as Sink } from '../../support/udp-sink.js';
import { until, waitFor } from '../../support/wait.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('ingest shards: RTSP pulls in child processes', () => {
  let sim: CameraSimulator;
  const requests: string[] = [];
  const cleanups: (() => void)[] = [];

  before(async () => {
    sim = await CameraSimulator.create({
      port: 0,
      cameras: ['cam-a', 'cam-b', 'cam-c', 'cam-d'].map((id) => ({ id, main: mediaPath(MEDIA_CLIPS.main720Gop1), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) })),
    });
    sim.on('request', (method, uri) => requests.push(`${method} ${uri}`));
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) cleanup();
    await sim?.close();
  });

  async function sink(): Promise<Sink> {
    const opened = await Sink.open();
    cleanups.push(() => opened.close());
    return opened;
  }

  const spec = (cameraId: string, stream: 'main' | 'sub', target: Sink, ssrc: number): FeedSpec => ({
    endpoint: { url: sim.url(cameraId, stream), transport: 'tcp' },
    ssrc,
    payloadType: 96,
    target: target.target,
  });

  async function shardSet(count: number): Promise<IngestShards> {
    const shards = await IngestShards.create({ count });
    cleanups.push(() => shards.close());
    return shards;
  }

  it('kill -9 a shard: its camera reaches the retargeted sink within 3 s, the other camera never pauses', async (t) => {
    const shards = await shardSet(2);
    const [sinkA, sinkB] = [await sink(), await sink()];
    const feedA = shards.open('cam-a/sub', spec('cam-a', 'sub', sinkA, 0x1000_000a));
    const feedB = shards.open('cam-b/sub', spec('cam-b', 'sub', sinkB, 0x1000_000b));
    assert.notEqual(feedA.shard, feedB.shard, 'placed on the shard with the fewest cameras');
    const profiles = await Promise.all([feedA, feedB].map((feed) => new Promise<string | undefined>((resolve) => feed.once('track', resolve))));
    assert.deepEqual(profiles.map((p) => typeof p), ['string', 'string'], 'each feed reports its profile once its first packet is out');
    feedA.startForwarding();
    feedB.startForwarding();
    await until('both sinks fed', 5000, () => sinkA.arrivals.length > 20 && sinkB.arrivals.length > 20);
    // Let the shard report where feed A's numbering stands, as it would in service.
    await new Promise((r) => setTimeout(r, 700));

    const sinkA2 = await sink();
    const lost = new Promise<string>((resolve) =>
      feedA.once('lost', (reason) => {
        feedA.retarget(sinkA2.target);
        feedA.startForwarding();
        resolve(reason);
      }),
    );
    const restarted = new Promise<[number, number, string]>((resolve) => shards.once('restarted', (...args) => resolve(args)));
    let otherLost = 0;
    feedB.on('lost', () => otherLost++);
    const oldPid = shards.pids[feedA.shard]!;
    const otherPid = shards.pids[feedB.shard]!;
    const lastBefore = sinkA.arrivals.at(-1)!;
    const killedAt = performance.now();
    process.kill(oldPid, 'SIGKILL');

    assert.match(await lost, /SIGKILL/);
    await waitFor('feed A at its new sink', 3000 - (performance.now() - killedAt), () => sinkA2.arrivals[0], 20);
    const back = sinkA2.arrivals[0]!;
    const [index, newPid] = await restarted;
    assert.equal(index, feedA.shard);
    assert.notEqual(newPid, oldPid);
    assert.equal(shards.pids[feedB.shard], otherPid, 'the other shard is the same process');
    assert.equal(back.ssrc, 0x1000_000a, 'same SSRC');
    assert.equal(back.fromPort, lastBefore.fromPort, 'sent from the same port, so a comedia transport still takes it');
    const seqStep = (back.seq - lastBefore.seq) & 0xffff;
    assert.ok(seqStep > 0 && seqStep < 3000, `sequence numbers continue forward (step ${seqStep})`);

    await new Promise((r) => setTimeout(r, 1000));
    const gap = sinkB.longestGapSince(killedAt);
    assert.ok(gap <= 500, `the other camera paused ${gap} ms`);
    assert.equal(otherLost, 0, 'the other shard noticed nothing');
    t.diagnostic(`back after ${back.at - killedAt} ms, sequence step ${seqStep}, other camera's longest gap ${gap} ms`);
    assert.equal(shards.stats().find((s) => s.index === feedA.shard)?.restarts, 1);
    feedA.close();
    feedB.close();
  });

  it('a new feed is held until startForwarding, which sends the held GOP from its keyframe, then live; hold stops it', async () => {
    const shards = await shardSet(1);
    const out = await sink();
    const feed: Feed = shards.open('cam-c/main', spec('cam-c', 'main', out, 0x2000_000c));
    await until('live', 5000, () => feed.state === 'live');
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(out.arrivals.length, 0, 'nothing sent while held');
    const forwardedAt = performance.now();
    feed.startForwarding();
    feed.startForwarding(); // idempotent: the GOP goes out once
    await until('forwarded', 3000, () => out.arrivals.length > 0);
    assert.ok(out.arrivals[0]!.keyframe, 'the held GOP starts at its keyframe');
    const burst = out.arrivals.filter((a) => a.at - forwardedAt < 30).length;
    assert.ok(burst > 5, `the held GOP arrives at once (${burst} packets)`);
    await new Promise((r) => setTimeout(r, 300));
    const seqs = out.arrivals.map((a) => a.seq);
    assert.equal(new Set(seqs).size, seqs.length, 'no packet sent twice');

    feed.hold();
    await new Promise((r) => setTimeout(r, 200));
    const heldAt = out.arrivals.length;
    await new Promise((r) => setTimeout(r, 1300)); // past the next keyframe (1 s GOP)
    assert.equal(out.arrivals.length, heldAt, 'nothing sent while held again');
    feed.startForwarding();
    await until('forwarded again', 3000, () => out.arrivals.length > heldAt);
    assert.ok(out.arrivals[heldAt]!.keyframe, 'resumes at the held keyframe');
    await new Promise((r) => setTimeout(r, 300));
    feed.hold();
    feed.startForwarding(); // within one GOP: the target has its start already
    await new Promise((r) => setTimeout(r, 300));
    const all = out.arrivals.map((a) => a.seq);
    assert.equal(new Set(all).size, all.length, 'forwarding again within a GOP sends none of it twice');
    feed.close();
    await until('torn down', 3000, () => sim.activeSessions('cam-c') === 0);
  });

  it('a feed closed before its restarted shard is up is never pulled', async () => {
    const shards = await shardSet(1);
    const restarted = new Promise<void>((resolve) => shards.once('restarted', () => resolve()));
    process.kill(shards.pids[0]!, 'SIGKILL');
    await until('shard down', 3000, () => shards.pids[0] === undefined, 10);
    const out = await sink();
    const feed = shards.open('cam-d/sub', spec('cam-d', 'sub', out, 0x3000_000d));
    feed.close();
    await restarted;
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(requests.filter((r) => r.includes('cam-d')), []);
    assert.equal(shards.stats()[0]!.cameras, 0);
  });

  it('close() TEARDOWNs every camera and ends every shard', async () => {
    const shards = await IngestShards.create({ count: 2 });
    const sinks = [await sink(), await sink()];
    const feeds = ['cam-a', 'cam-b'].map((id, i) => shards.open(`${id}/main`, spec(id, 'main', sinks[i]!, 0x4000_0000 + i)));
    await until('both live', 5000, () => feeds.every((f) => f.state === 'live'));
    const pids = shards.pids as number[];
    shards.close();
    shards.close();
    await until('sessions ended', 3000, () => sim.activeSessions('cam-a') + sim.activeSessions('cam-b') === 0);
    await until('shards gone', 3000, () => pids.every((pid) => !alive(pid)));
    assert.throws(() => shards.open('cam-a/sub', spec('cam-a', 'sub', sinks[0]!, 1)), /closed/);
  });
});
