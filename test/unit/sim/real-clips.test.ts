import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseClip } from '../../../sim/node/clip.js';
import { ensureRealClip, realClipName, type RealClipSpec } from '../../../sim/node/real-clips.js';

describe('real-bitrate clips', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-real-clips-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Small enough for a unit test; the bench's are 1080p and 360p, made by the same code.
  const spec: RealClipSpec = { width: 320, height: 180, fps: 25, kbps: 400, gopS: 2, seconds: 3 };

  it('makes a looping clip of whole GOPs near its bit rate once, then reuses the cached file', async () => {
    const lines: string[] = [];
    const file = await ensureRealClip(spec, { dir, progress: (l) => lines.push(l) });
    assert.equal(path.basename(file), realClipName(spec));
    const clip = parseClip(file, fs.readFileSync(file));
    assert.deepEqual([clip.width, clip.height, clip.fps], [320, 180, 25]);
    // 3 s rounded up to whole 2 s GOPs: 100 frames, a key frame every 50.
    assert.equal(clip.frames.length, 100);
    assert.deepEqual(clip.frames.flatMap((f, i) => (f.keyframe ? [i] : [])), [0, 50]);
    const kbps = (fs.statSync(file).size * 8) / 4 / 1000;
    assert.ok(kbps > 200 && kbps < 520, `${kbps} kbit/s`);
    assert.ok(lines.some((l) => l.includes('made')), lines.join('\n'));

    const made = fs.statSync(file).mtimeMs;
    lines.length = 0;
    assert.equal(await ensureRealClip(spec, { dir, progress: (l) => lines.push(l) }), file);
    assert.equal(fs.statSync(file).mtimeMs, made);
    assert.deepEqual(lines, []);
    assert.deepEqual(fs.readdirSync(dir), [realClipName(spec)], 'no partial file left behind');
  });
});
