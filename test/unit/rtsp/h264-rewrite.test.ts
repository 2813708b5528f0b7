// FU-A splitting, parameter-set insertion and the rewritten RTP timeline.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Backoff } from '../../../common/backoff.js';
import { fitPayload, parameterSetPayloads } from '../../../sfu/node/ingest/h264-packetizer.js';
import { RtpRewriter } from '../../../sfu/node/ingest/rtp-rewriter.js';
import { readRtp } from '../../../sfu/node/rtsp/rtp-packet.js';
import { CameraStream, depacketise, idr, PPS, rtp, slice, SPS } from '../../support/h264.js';

const session = { payloadType: 96, clockRate: 90000, sps: [SPS], pps: [PPS] };

describe('H.264 packetizer', () => {
  test('a 6000-byte NAL becomes FU-A of at most 1200 bytes that reassemble exactly', () => {
    const nal = idr(6000);
    const pieces = fitPayload(nal, 1200);
    assert.ok(pieces.length >= 6);
    for (const piece of pieces) assert.ok(piece.length <= 1200);
    const units = depacketise(pieces.map((p, i) => rtp({ seq: i, ts: 0 }, p)));
    assert.deepEqual(units, [nal]);
  });

  test('payloads that fit pass through untouched, including STAP-A and FU-A', () => {
    const stap = parameterSetPayloads([SPS, PPS], 1200)[0] as Buffer;
    assert.equal((stap[0] as number) & 0x1f, 24);
    assert.equal(fitPayload(stap, 1200)[0], stap);
    const fu = fitPayload(idr(3000), 1400)[1] as Buffer;
    assert.equal(fitPayload(fu, 1400)[0], fu);
  });

  test('an oversized FU-A is re-split keeping its start and end bits', () => {
    const nal = idr(5000);
    const camera = fitPayload(nal, 4000); // two big FU-A, as a camera with a large MTU sends
    const pieces = camera.flatMap((fu) => fitPayload(fu, 1200));
    for (const piece of pieces) assert.ok(piece.length <= 1200);
    assert.deepEqual(depacketise(pieces.map((p, i) => rtp({ seq: i, ts: 0 }, p))), [nal]);
  });

  test('an oversized STAP-A is unpacked into its units', () => {
    const stap = Buffer.concat([Buffer.from([0x78, 0x07, 0xd0]), slice(2000), Buffer.from([0x00, 0x04]), PPS]);
    const pieces = fitPayload(stap, 1200);
    assert.deepEqual(depacketise(pieces.map((p, i) => rtp({ seq: i, ts: 0 }, p))), [slice(2000), PPS]);
  });

  test('unsplittable oversized payloads (STAP-B, MTAP) are dropped', () => {
    assert.deepEqual(fitPayload(Buffer.concat([Buffer.from([25]), Buffer.alloc(2000)]), 1200), []);
  });
});

describe('RtpRewriter', () => {
  test('fixed SSRC and payload type, bare 12-byte headers', () => {
    const rewriter = new RtpRewriter({ ssrc: 42, payloadType: 110, maxPayload: 1200 });
    rewriter.beginSession({ ...session, sps: [], pps: [] });
    const withExtension = Buffer.concat([Buffer.from('906003e8000000010000000abede0001', 'hex'), Buffer.from([0x11, 0, 0, 0]), slice(100)]);
    const [out] = rewriter.push(withExtension, 0);
    assert.ok(out);
    assert.equal(out.length, 12 + 100);
    assert.deepEqual(readRtp(out), { marker: false, payloadType: 110, sequenceNumber: 1000, timestamp: 1, ssrc: 42, payload: slice(100) });
  });

  test('other payload types, late packets and garbage are dropped', () => {
    const rewriter = new RtpRewriter({ ssrc: 1, payloadType: 96, maxPayload: 1200 });
    rewriter.beginSession({ ...session, sps: [], pps: [] });
    assert.equal(rewriter.push(rtp({ seq: 10, ts: 0 }, slice(10)), 0).length, 1);
    assert.equal(rewriter.push(rtp({ seq: 11, ts: 0, pt: 0 }, slice(10)), 0).length, 0);
    assert.equal(rewriter.push(rtp({ seq: 9, ts: 0 }, slice(10)), 0).length, 0);
    assert.equal(rewriter.push(Buffer.from('garbage'), 0).length, 0);
    assert.equal(rewriter.stats.dropped, 3);
  });

  test('SPS/PPS are inserted before each IDR that lacks them, with the IDR timestamp', () => {
    const rewriter = new RtpRewriter({ ssrc: 1, payloadType: 96, maxPayload: 1200 });
    rewriter.beginSession(session);
    const stream = new CameraStream({ inBandParameterSets: false, gop: 2, maxPayload: 1200 });
    const out = [1, 2, 3].flatMap(() => stream.nextFrame()).flatMap((p) => rewriter.push(p, 0));
    const types = depacketise(out).map((u) => (u[0] as number) & 0x1f);
    assert.deepEqual(types, [7, 8, 5, 1, 7, 8, 5]);
    assert.equal(readRtp(out[0] as Buffer)?.timestamp, readRtp(out[1] as Buffer)?.timestamp);
    const seqs = out.map((p) => readRtp(p)?.sequenceNumber);
    assert.deepEqual(seqs, seqs.map((_, i) => 1000 + i));
  });

  test('in-band parameter sets are not duplicated', () => {
    const rewriter = new RtpRewriter({ ssrc: 1, payloadType: 96, maxPayload: 1200 });
    rewriter.beginSession(session);
    const stream = new CameraStream({ inBandParameterSets: true, gop: 2, maxPayload: 1200 });
    [1, 2, 3].flatMap(() => stream.nextFrame()).forEach((p) => rewriter.push(p, 0));
    assert.equal(rewriter.stats.parameterSetsInserted, 0);
  });

  test('sequence numbers continue and timestamps follow wall-clock across a reconnect', () => {
    const rewriter = new RtpRewriter({ ssrc: 1, payloadType: 96, maxPayload: 1200 });
    rewriter.beginSession({ ...session, sps: [], pps: [] });
    const before = new CameraStream({ inBandParameterSets: true }, { seq: 65_530, ts: 4_294_960_000 });
    const first = [1, 2, 3].flatMap(() => before.nextFrame()).flatMap((p) => rewriter.push(p, 1000));
    const last = readRtp(first.at(-1) as Buffer);
    rewriter.beginSession({ ...session, sps: [], pps: [] });
    const after = new CameraStream({ inBandParameterSets: true }, { seq: 3, ts: 777 });
    const next = after.nextFrame().flatMap((p) => rewriter.push(p, 3500));
    const resumed = readRtp(next[0] as Buffer);
    assert.ok(last && resumed);
    assert.equal(resumed.sequenceNumber, (last.sequenceNumber + 1) & 0xffff);
    assert.equal((resumed.timestamp - last.timestamp) >>> 0, 2500 * 90);
  });
});

describe('Backoff', () => {
  test('doubles from initial to max, jittered, and resets', () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 30_000 }, () => 0.5);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(() => backoff.next()), [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    backoff.reset();
    assert.equal(backoff.next(), 1000);
    const jittered = new Backoff({ initialMs: 1000, maxMs: 30_000 }, () => 0);
    assert.equal(jittered.next(), 800);
    assert.equal(new Backoff({ initialMs: 1000, maxMs: 30_000 }, () => 0.999).max(), 30_000);
  });
});
