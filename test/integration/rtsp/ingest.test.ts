// CameraIngest against scripted cameras on real sockets: states, reconnects and the rewritten stream.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { StreamState } from '../../../common/domain/camera.js';
import { CameraIngest, type CameraIngestOptions } from '../../../sfu/node/ingest/index.js';
import { readRtp } from '../../../sfu/node/rtsp/index.js';
import { CameraStream, depacketise, idr, PPS, rtp, SPS } from '../../support/h264.js';
import { h264Sdp, h265Sdp, ScriptedRtspServer, type ScriptedServerOptions } from '../../support/scripted-rtsp-server.js';
import { until } from '../../support/wait.js';

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function serve(options: ScriptedServerOptions = {}, port = 0): Promise<ScriptedRtspServer> {
  const server = await ScriptedRtspServer.start(options, port);
  cleanups.push(() => server.close());
  return server;
}

interface Watched {
  ingest: CameraIngest;
  states: [StreamState, string | undefined][];
  packets: Buffer[];
  waitState(state: StreamState, timeoutMs?: number): Promise<string | undefined>;
  waitPackets(count: number, timeoutMs?: number): Promise<void>;
}

function ingestFor(url: string, options: Partial<CameraIngestOptions> = {}): Watched {
  const ingest = CameraIngest.create({
    url,
    transport: 'tcp',
    ssrc: 0xcafe0001,
    payloadType: 101,
    stallTimeoutMs: 200,
    backoff: { initialMs: 100, maxMs: 400 },
    requestTimeoutMs: 500,
    ...options,
  });
  cleanups.push(() => ingest.close());
  const states: [StreamState, string | undefined][] = [];
  const packets: Buffer[] = [];
  ingest.on('state', (state, detail) => states.push([state, detail]));
  ingest.on('rtp', (packet) => packets.push(packet));
  const poll = (check: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    until(what, timeoutMs, check, 10).catch((error: Error) => assert.fail(`${error.message}; states: ${JSON.stringify(states)}`));
  return {
    ingest,
    states,
    packets,
    async waitState(state, timeoutMs = 3000) {
      const from = states.length;
      await poll(() => states.slice(from).some(([s]) => s === state) || ingest.state === state, timeoutMs, state);
      return ingest.detail;
    },
    waitPackets: (count, timeoutMs = 3000) => poll(() => packets.length >= count, timeoutMs, `${count} packets`),
  };
}

/** Sends the stream's frames to whatever server `target()` returns, every 10 ms. */
function pump(target: () => ScriptedRtspServer | undefined, stream: CameraStream): () => void {
  const timer = setInterval(() => {
    const server = target();
    if (server && server.playingCount > 0) for (const packet of stream.nextFrame()) server.sendRtp(packet);
  }, 10);
  cleanups.push(() => clearInterval(timer));
  return () => clearInterval(timer);
}

describe('CameraIngest', () => {
  test('goes connecting → live and rewrites SSRC and payload type', async () => {
    const server = await serve({ auth: { scheme: 'digest', username: 'op', password: 'pw', qop: true } });
    const watched = ingestFor(server.url(), { username: 'op', password: 'pw' });
    watched.ingest.start();
    pump(() => server, new CameraStream({ inBandParameterSets: true, maxPayload: 1100 }));
    await watched.waitState('live');
    await watched.waitPackets(10);
    assert.deepEqual(watched.states[0], ['connecting', undefined]);
    for (const packet of watched.packets) {
      const view = readRtp(packet);
      assert.equal(view?.ssrc, 0xcafe0001);
      assert.equal(view?.payloadType, 101);
    }
    assert.equal(watched.ingest.profileLevelId, '42e01f');
    watched.ingest.close();
  });

  test('inserts the SDP parameter sets before each IDR when the camera sends none in-band', async () => {
    const server = await serve();
    const watched = ingestFor(server.url());
    watched.ingest.start();
    const stop = pump(() => server, new CameraStream({ inBandParameterSets: false, gop: 3 }));
    await watched.waitPackets(8);
    stop();
    const units = depacketise(watched.packets);
    const types = units.map((u) => (u[0] as number) & 0x1f);
    const firstIdr = types.indexOf(5);
    assert.deepEqual(types.slice(firstIdr - 2, firstIdr + 1), [7, 8, 5]);
    assert.deepEqual(units[firstIdr - 2], SPS);
    assert.deepEqual(units[firstIdr - 1], PPS);
    const idrs = types.filter((t) => t === 5).length;
    assert.equal(types.filter((t) => t === 7).length, idrs, 'one SPS per IDR');
    watched.ingest.close();
  });

  test('an SDP without sprop parameter sets is fine when the camera sends them in-band', async () => {
    const server = await serve({ sdp: h264Sdp({ sprop: false }) });
    const watched = ingestFor(server.url());
    watched.ingest.start();
    const stop = pump(() => server, new CameraStream({ inBandParameterSets: true, gop: 3 }));
    await watched.waitState('live');
    await watched.waitPackets(12);
    stop();
    const types = depacketise(watched.packets).map((u) => (u[0] as number) & 0x1f);
    const idrs = types.filter((t) => t === 5).length;
    assert.equal(types.filter((t) => t === 7).length, idrs, 'no extra SPS inserted');
    assert.equal(watched.ingest.stats.parameterSetsInserted, 0);
    watched.ingest.close();
  });

  test('an oversized 6000-byte NAL over TCP leaves as FU-A of at most 1200 bytes that reassemble', async () => {
    const server = await serve();
    const watched = ingestFor(server.url());
    watched.ingest.start();
    await server.waitForPlay();
    const big = idr(6000);
    server.sendRtp(rtp({ seq: 10, ts: 90_000, marker: true }, big));
    await watched.waitPackets(6);
    const fragments = watched.packets.filter((p) => ((readRtp(p)?.payload[0] as number) & 0x1f) === 28);
    for (const packet of fragments) assert.ok((readRtp(packet)?.payload.length ?? 0) <= 1200);
    const units = depacketise(watched.packets);
    assert.deepEqual(units.at(-1), big);
    const seqs = watched.packets.map((p) => readRtp(p)?.sequenceNumber as number);
    seqs.forEach((seq, i) => i > 0 && assert.equal(seq, ((seqs[i - 1] as number) + 1) & 0xffff));
    const markers = watched.packets.map((p) => readRtp(p)?.marker);
    assert.deepEqual(markers, markers.map((_, i) => i === markers.length - 1));
    watched.ingest.close();
  });

  test('a camera that drops mid-stream goes stalled, then live again with continuous seq and ts', async () => {
    let server: ScriptedRtspServer | undefined = await serve();
    const port = server.port;
    const watched = ingestFor(server.url());
    watched.ingest.start();
    const stream = new CameraStream({ inBandParameterSets: true, gop: 5 });
    pump(() => server, stream);
    await watched.waitState('live');
    await watched.waitPackets(10);
    await server.close();
    server = undefined;
    const detail = await watched.waitState('stalled');
    assert.match(detail ?? '', /reconnecting in [\d.]+ s/);
    const beforeCount = watched.packets.length;
    const lastBefore = readRtp(watched.packets.at(-1) as Buffer);
    const droppedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The camera returns with a new sequence and timestamp origin, as a rebooted camera does.
    stream.seq = 7;
    stream.ts = 123;
    server = await serve({}, port);
    await watched.waitState('live');
    await watched.waitPackets(beforeCount + 3);
    const firstAfter = readRtp(watched.packets[beforeCount] as Buffer);
    assert.ok(lastBefore && firstAfter);
    assert.equal(firstAfter.sequenceNumber, (lastBefore.sequenceNumber + 1) & 0xffff);
    assert.equal(firstAfter.ssrc, lastBefore.ssrc);
    const advancedTicks = (firstAfter.timestamp - lastBefore.timestamp) >>> 0;
    const elapsedTicks = ((Date.now() - droppedAt) * 90_000) / 1000;
    assert.ok(advancedTicks > 300 * 90 * 0.8, `timestamp advanced ${advancedTicks}`);
    assert.ok(advancedTicks < elapsedTicks + 90_000, `timestamp advanced ${advancedTicks}`);
    watched.ingest.close();
  });

  test('a frozen camera (connected, silent) goes stalled and its session is reconnected', async () => {
    const server = await serve();
    const watched = ingestFor(server.url());
    watched.ingest.start();
    const stop = pump(() => server, new CameraStream({ inBandParameterSets: true }));
    await watched.waitState('live');
    stop();
    const started = Date.now();
    const detail = await watched.waitState('stalled');
    assert.ok(Date.now() - started < 1000);
    assert.match(detail ?? '', /no video/);
    await server.waitForPlay(2);
    assert.ok(server.methods.includes('TEARDOWN'));
    pump(() => server, new CameraStream({ inBandParameterSets: true }));
    await watched.waitState('live');
    watched.ingest.close();
  });

  test('over UDP', async () => {
    const server = await serve();
    const watched = ingestFor(server.url(), { transport: 'udp' });
    watched.ingest.start();
    pump(() => server, new CameraStream({ inBandParameterSets: true, maxPayload: 1200 }));
    await watched.waitState('live');
    await watched.waitPackets(10);
    watched.ingest.close();
  });

  test('a wrong password is unauthorized and retried', async () => {
    const server = await serve({ auth: { scheme: 'digest', username: 'op', password: 'pw' } });
    const watched = ingestFor(server.url(), { username: 'op', password: 'nope' });
    watched.ingest.start();
    assert.equal(await watched.waitState('unauthorized'), 'credentials rejected');
    const attempts = (): number => server.methods.filter((m) => m === 'OPTIONS').length;
    const first = attempts();
    const deadline = Date.now() + 2000;
    while (attempts() === first && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(attempts() > first, 'retried');
    assert.equal(watched.states.filter(([s]) => s === 'unauthorized').length, 1, 'state reported once');
    watched.ingest.close();
  });

  test('H.265 is unsupported and retried only at the maximum interval', async () => {
    const server = await serve({ sdp: h265Sdp });
    const watched = ingestFor(server.url(), { backoff: { initialMs: 20, maxMs: 600 } });
    watched.ingest.start();
    assert.equal(await watched.waitState('unsupported'), 'H.265');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(server.methods.filter((m) => m === 'DESCRIBE').length, 1);
    assert.ok(!server.methods.includes('SETUP'));
    watched.ingest.close();
  });

  test('connection refused is unreachable; close() stops everything and emits close once', async () => {
    const server = await serve();
    const url = server.url();
    await server.close();
    const watched = ingestFor(url);
    let closes = 0;
    watched.ingest.on('close', () => closes++);
    watched.ingest.start();
    assert.equal(await watched.waitState('unreachable'), 'connection refused');
    watched.ingest.close();
    watched.ingest.close();
    assert.equal(closes, 1);
    const count = watched.states.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(watched.states.length, count, 'no state after close');
  });

  test('a listener may close the ingest from inside a state event', async () => {
    const server = await serve();
    const url = server.url();
    await server.close();
    const watched = ingestFor(url);
    watched.ingest.on('state', (state) => state === 'unreachable' && watched.ingest.close());
    watched.ingest.start();
    await watched.waitState('unreachable');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(watched.states.map(([s]) => s), ['connecting', 'unreachable']);
  });

  test('create() rejects an SSRC or payload type RTP cannot carry', () => {
    assert.throws(() => CameraIngest.create({ url: 'rtsp://c/x', transport: 'tcp', ssrc: 2 ** 32, payloadType: 96 }), /ssrc/);
    assert.throws(() => CameraIngest.create({ url: 'rtsp://c/x', transport: 'tcp', ssrc: 1, payloadType: 128 }), /payloadType/);
  });

  test('a camera that never answers is unreachable with a timeout', async () => {
    const server = await serve({ silent: true });
    const watched = ingestFor(server.url(), { requestTimeoutMs: 200 });
    watched.ingest.start();
    assert.match((await watched.waitState('unreachable')) ?? '', /timeout/);
    watched.ingest.close();
  });
});
