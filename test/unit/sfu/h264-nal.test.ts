import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startsKeyframe } from '../../../sfu/node/codec/h264-nal.js';
import { rtpTimestamp } from '../../../sfu/node/rtsp/rtp-packet.js';

const rtp = (payload: number[], timestamp = 90_000): Buffer => {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = 96;
  header.writeUInt32BE(timestamp, 4);
  return Buffer.concat([header, Buffer.from(payload)]);
};

describe('H.264 keyframe start detection on ingest RTP', () => {
  it('recognises SPS, a whole IDR, a STAP-A led by SPS and the first FU-A fragment of an IDR', () => {
    assert.equal(startsKeyframe(rtp([0x67, 0x42, 0x00])), true);
    assert.equal(startsKeyframe(rtp([0x65, 0x88, 0x80])), true);
    assert.equal(startsKeyframe(rtp([0x78, 0x00, 0x04, 0x67, 0x42, 0x00, 0x1f])), true);
    assert.equal(startsKeyframe(rtp([0x7c, 0x85, 0x88])), true);
  });

  it('does not take P-frames, PPS, or later IDR fragments for a keyframe start', () => {
    assert.equal(startsKeyframe(rtp([0x41, 0x9a, 0x00])), false);
    assert.equal(startsKeyframe(rtp([0x68, 0xce, 0x38])), false);
    assert.equal(startsKeyframe(rtp([0x7c, 0x05, 0x88])), false);
    assert.equal(startsKeyframe(rtp([0x7c, 0x45, 0x88])), false);
    assert.equal(startsKeyframe(rtp([0x7c, 0x81, 0x88])), false);
  });

  it('is safe on truncated packets and reads the RTP timestamp', () => {
    assert.equal(startsKeyframe(Buffer.alloc(5)), false);
    assert.equal(startsKeyframe(rtp([0x78, 0x00])), false);
    assert.equal(rtpTimestamp(rtp([0x41], 123_456)), 123_456);
  });
});
