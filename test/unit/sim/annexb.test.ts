import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { groupAccessUnits, nalType, splitNalUnits } from '../../../sim/node/annexb.js';
import { parseClip } from '../../../sim/node/clip.js';
import { parseH264Sps } from '../../../sim/node/h264-sps.js';
import { MEDIA_CLIPS, mediaPath } from '../../../sim/node/media.js';

const clip = (file: string) => parseClip(mediaPath(file), readFileSync(mediaPath(file)));
const keyframeIndexes = (file: string) =>
  clip(file)
    .frames.map((f, i) => (f.keyframe ? i : -1))
    .filter((i) => i >= 0);

describe('annexb', () => {
  it('splits on 3- and 4-byte start codes and drops trailing zeros', () => {
    const data = Buffer.from([0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 4, 5, 0]);
    const nals = splitNalUnits(data);
    assert.deepEqual(
      nals.map((n) => [...n]),
      [[0x67, 1, 2], [0x68, 3], [0x65, 4, 5]],
    );
    assert.deepEqual(nals.map((n) => nalType('h264', n)), [7, 8, 5]);
  });

  it('groups parameter sets with the IDR that follows them', () => {
    const nal = (...b: number[]) => Buffer.from(b);
    // SPS, PPS, IDR (first_mb=0), P (first_mb=0), P second slice (first_mb!=0), P (first_mb=0)
    const units = groupAccessUnits('h264', [nal(0x67, 1), nal(0x68, 1), nal(0x65, 0x88), nal(0x41, 0x9a), nal(0x41, 0x40), nal(0x41, 0x9b)]);
    assert.deepEqual(units.map((u) => [u.nals.length, u.keyframe]), [[3, true], [2, false], [1, false]]);
  });

  it('finds 100 frames with an IDR every 50 in the 2 s GOP clip', () => {
    const c = clip(MEDIA_CLIPS.main720Gop2);
    assert.equal(c.frames.length, 100);
    assert.deepEqual(keyframeIndexes(MEDIA_CLIPS.main720Gop2), [0, 50]);
    assert.deepEqual(c.frames[0]?.nals.slice(0, 2).map((n) => nalType('h264', n)), [7, 8]);
    assert.equal(c.fps, 25);
    assert.equal(c.profileLevelId?.slice(0, 2), '42');
  });

  it('finds the GOP structure of every committed clip', () => {
    assert.deepEqual(keyframeIndexes(MEDIA_CLIPS.main720Gop1), [0, 25, 50, 75]);
    assert.deepEqual(keyframeIndexes(MEDIA_CLIPS.main720Gop4), [0, 100]);
    assert.deepEqual(keyframeIndexes(MEDIA_CLIPS.sub360Gop2), [0, 50]);
    const h265 = clip(MEDIA_CLIPS.h265);
    assert.equal(h265.codec, 'h265');
    assert.equal(h265.frames.length, 100);
    assert.deepEqual(keyframeIndexes(MEDIA_CLIPS.h265), [0, 50]);
    assert.deepEqual(h265.frames[0]?.nals.slice(0, 3).map((n) => nalType('h265', n)), [32, 33, 34]);
  });

  it('reads size and frame rate from the SPS', () => {
    const sps = clip(MEDIA_CLIPS.sub360Gop2).params.sps;
    assert.deepEqual(parseH264Sps(sps), { profileIdc: 66, levelIdc: 30, width: 640, height: 360, fps: 25 });
    const main = clip(MEDIA_CLIPS.main720Gop2);
    assert.deepEqual([main.width, main.height], [1280, 720]);
  });
});
