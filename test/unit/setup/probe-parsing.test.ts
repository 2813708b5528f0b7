// What the camera probe reads from a camera: SPSs, RTP payloads and timestamps. Everything a camera
// sends may be broken; the parsers either read it right or say it is unreadable, never crash.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { parseH264Sps } from '../../../sfu/node/codec/h264-sps.js';
import { parseH265Sps } from '../../../sfu/node/codec/h265-sps.js';
import { FrameMeter } from '../../../sfu/node/probe/frame-meter.js';
import { inspectPayload } from '../../../sfu/node/probe/nal-inspect.js';
import type { RtpView } from '../../../sfu/node/rtsp/rtp-packet.js';
import { loadClip, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';

// From ffmpeg (libx264 High, libx265 Main) at 1920x1080: both crop 1088 coded lines to 1080.
const HD_H264_SPS = Buffer.from('Z2QAKKzZQHgCJ+XARAAAAwAEAAADAMg8YMZY', 'base64');
const HD_H265_SPS = Buffer.from('QgEBAWAAAAMAkAAAAwAAAwB4oAPAgBDlllZpJMrwFoCAAAADAIAAAAyE', 'base64');

describe('SPS parsing', () => {
  test('reads picture size, profile and level, cropping included', async () => {
    assert.deepEqual(parseH264Sps(HD_H264_SPS), { width: 1920, height: 1080, profile: 'High 4' });
    assert.deepEqual(parseH265Sps(HD_H265_SPS), { width: 1920, height: 1080, profile: 'Main 4' });
    const main = await loadClip(mediaPath(MEDIA_CLIPS.main720Gop2));
    const sub = await loadClip(mediaPath(MEDIA_CLIPS.sub360Gop2));
    const hevc = await loadClip(mediaPath(MEDIA_CLIPS.h265));
    assert.deepEqual(parseH264Sps(main.params.sps), { width: 1280, height: 720, profile: 'Constrained Baseline 3.1' });
    assert.deepEqual(parseH264Sps(sub.params.sps), { width: 640, height: 360, profile: 'Constrained Baseline 3' });
    assert.deepEqual(parseH265Sps(hevc.params.sps), { width: 1280, height: 720, profile: 'Main 3.1' });
  });

  test('truncated, wrong-type and random SPSs are RangeErrors, never anything else', () => {
    assert.throws(() => parseH264Sps(HD_H264_SPS.subarray(0, 6)), RangeError);
    assert.throws(() => parseH265Sps(HD_H265_SPS.subarray(0, 10)), RangeError);
    assert.throws(() => parseH264Sps(HD_H265_SPS), RangeError);
    assert.throws(() => parseH265Sps(Buffer.alloc(5000, 0x42)), RangeError);
    for (let i = 0; i < 3000; i++) {
      const junk = randomBytes(1 + (i % 64));
      for (const [parse, header] of [[parseH264Sps, [0x67]], [parseH265Sps, [0x42, 0x01]]] as const) {
        try {
          const info = parse(Buffer.concat([Buffer.from(header), junk]));
          assert.ok(info.width >= 16 && info.height >= 16 && info.width <= 16384 && info.height <= 16384);
        } catch (error) {
          assert.ok(error instanceof RangeError, String(error));
        }
      }
    }
  });
});

describe('RTP payload inspection', () => {
  test('finds H.264 keyframes and SPSs in single NALs, STAP-A and FU-A starts only', () => {
    const sps = Buffer.from('6742e01f8d680b40', 'hex');
    const stap = Buffer.concat([Buffer.from([0x78, 0, sps.length]), sps, Buffer.from([0, 2, 0x68, 0xce])]);
    assert.deepEqual(inspectPayload('H264', stap), { keyframe: false, sps });
    assert.equal(inspectPayload('H264', Buffer.from([0x65, 1, 2])).keyframe, true);
    assert.equal(inspectPayload('H264', Buffer.from([0x7c, 0x85, 1])).keyframe, true); // FU-A start of an IDR
    assert.equal(inspectPayload('H264', Buffer.from([0x7c, 0x05, 1])).keyframe, false); // its middle
    assert.equal(inspectPayload('H264', Buffer.from([0x41, 1, 2])).keyframe, false);
  });

  test('finds H.265 IRAP pictures and SPSs in single NALs, APs and FU starts; bad lengths stop the read', () => {
    const idr = Buffer.from([19 << 1, 1, 0xaa]);
    const ap = Buffer.concat([Buffer.from([48 << 1, 1, 0, HD_H265_SPS.length]), HD_H265_SPS, Buffer.from([0, 3]), idr]);
    assert.deepEqual(inspectPayload('H265', ap), { keyframe: true, sps: HD_H265_SPS });
    assert.equal(inspectPayload('H265', Buffer.from([49 << 1, 1, 0x80 | 21, 0])).keyframe, true); // FU start, CRA
    assert.equal(inspectPayload('H265', Buffer.from([49 << 1, 1, 21, 0])).keyframe, false);
    assert.equal(inspectPayload('H265', Buffer.from([1 << 1, 1, 0])).keyframe, false);
    assert.deepEqual(inspectPayload('H265', Buffer.from([48 << 1, 1, 0xff, 0xff, 1])), { keyframe: false });
    for (let i = 0; i < 2000; i++) inspectPayload(i % 2 ? 'H265' : 'H264', randomBytes(i % 40));
  });
});

describe('frame meter', () => {
  const view = (timestamp: number, payload: Buffer): RtpView => ({
    marker: false,
    payloadType: 96,
    sequenceNumber: 0,
    timestamp: timestamp >>> 0,
    ssrc: 1,
    payload,
  });
  const idr = Buffer.from([0x65, 0]);
  const p = Buffer.from([0x41, 0]);

  test('measures rate and keyframe interval across the 32-bit timestamp wrap, ignoring late packets', () => {
    const meter = new FrameMeter('H264', 90_000);
    const start = 2 ** 32 - 3600 * 10; // wraps ten frames in
    for (let frame = 0; frame <= 50; frame++) {
      const ts = start + frame * 3600;
      meter.push(view(ts, frame % 25 === 0 ? idr : p), frame * 40);
      meter.push(view(ts, p), frame * 40); // a second packet of the same frame
      if (frame > 3) meter.push(view(ts - 3 * 3600, frame === 26 ? idr : p), frame * 40); // a straggler
    }
    assert.equal(meter.frames, 51);
    assert.equal(meter.fps(), 25);
    assert.equal(meter.keyframes, 3);
    assert.equal(meter.keyframeIntervalS(), 1);
  });

  test('has no rate from one frame, and refuses absurd timestamps', () => {
    const one = new FrameMeter('H264', 90_000);
    one.push(view(5, idr), 0);
    assert.equal(one.fps(), undefined);
    assert.equal(one.keyframeIntervalS(), undefined);
    const absurd = new FrameMeter('H264', 90_000);
    for (let i = 0; i < 10; i++) absurd.push(view(i, p), i);
    assert.equal(absurd.fps(), undefined);
  });
});
