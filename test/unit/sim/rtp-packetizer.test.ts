import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { VideoCodec } from '../../../sim/node/annexb.js';
import { parseClip } from '../../../sim/node/clip.js';
import { MEDIA_CLIPS, mediaPath } from '../../../sim/node/media.js';
import {
  OVERSIZED_MAX_PAYLOAD,
  buildRtpPacket,
  packetizeAccessUnit,
  packetizeNal,
} from '../../../sim/node/rtp-packetizer.js';

// Reassembly as a receiver does it (RFC 6184 5.8, RFC 7798 4.4.3).
function depacketize(codec: VideoCodec, payloads: Buffer[]): Buffer[] {
  const nals: Buffer[] = [];
  let parts: Buffer[] = [];
  for (const p of payloads) {
    const type = codec === 'h264' ? (p[0] ?? 0) & 0x1f : ((p[0] ?? 0) >> 1) & 0x3f;
    if (type !== (codec === 'h264' ? 28 : 49)) {
      nals.push(p);
      continue;
    }
    const fu = p[codec === 'h264' ? 1 : 2] ?? 0;
    if (fu & 0x80) {
      const header =
        codec === 'h264'
          ? Buffer.from([((p[0] ?? 0) & 0xe0) | (fu & 0x1f)])
          : Buffer.from([((p[0] ?? 0) & 0x81) | ((fu & 0x3f) << 1), p[1] ?? 0]);
      parts = [header];
    }
    parts.push(p.subarray(codec === 'h264' ? 2 : 3));
    if (fu & 0x40) nals.push(Buffer.concat(parts));
  }
  return nals;
}

const clip = (file: string) => parseClip(mediaPath(file), readFileSync(mediaPath(file)));

describe('rtp packetizer', () => {
  it('sends a small NAL as one single-NAL packet', () => {
    const nal = Buffer.from([0x67, 1, 2, 3]);
    assert.deepEqual(packetizeNal('h264', nal, 1200), [nal]);
  });

  it('FU-A fragments reassemble to the original NAL and respect the size limit', () => {
    const idr = clip(MEDIA_CLIPS.main720Gop2).frames[0]?.nals.find((n) => ((n[0] ?? 0) & 0x1f) === 5);
    assert.ok(idr && idr.length > 5000);
    const payloads = packetizeNal('h264', idr, 1200);
    assert.ok(payloads.length > 4);
    assert.ok(payloads.every((p) => p.length <= 1200));
    assert.equal((payloads[0]?.[1] ?? 0) & 0xc0, 0x80, 'start bit on the first fragment only');
    assert.equal((payloads.at(-1)?.[1] ?? 0) & 0xc0, 0x40, 'end bit on the last fragment only');
    assert.deepEqual(depacketize('h264', payloads), [idr]);
  });

  it('H.265 FU fragments reassemble to the original NAL', () => {
    const frame = clip(MEDIA_CLIPS.h265).frames[0];
    assert.ok(frame);
    const payloads = packetizeAccessUnit('h265', frame, 1000);
    assert.ok(payloads.every((p) => p.payload.length <= 1000));
    assert.deepEqual(depacketize('h265', payloads.map((p) => p.payload)), frame.nals);
  });

  it('marks only the last packet of an access unit', () => {
    const frame = clip(MEDIA_CLIPS.main720Gop2).frames[0];
    assert.ok(frame);
    const payloads = packetizeAccessUnit('h264', frame);
    assert.deepEqual(payloads.map((p) => p.marker), payloads.map((_, i) => i === payloads.length - 1));
  });

  it('oversized mode sends single-NAL packets bigger than a path MTU', () => {
    const c = clip(MEDIA_CLIPS.main720Gop2);
    const sizes = c.frames.flatMap((f) => packetizeAccessUnit('h264', f, OVERSIZED_MAX_PAYLOAD)).map((p) => p.payload.length);
    assert.ok(sizes.some((s) => s > 1500), 'some packet exceeds 1500 bytes');
    assert.ok(Math.max(...sizes) <= OVERSIZED_MAX_PAYLOAD);
  });

  it('writes a version-2 RTP header', () => {
    const packet = buildRtpPacket({ payloadType: 96, sequenceNumber: 65535, timestamp: 2 ** 32 - 1, ssrc: 0xdeadbeef, marker: true }, Buffer.from([9]));
    assert.deepEqual([...packet], [0x80, 0xe0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xde, 0xad, 0xbe, 0xef, 9]);
  });
});
