// The capacity bench's receiver against a real engine: over real WebRTC (ICE, DTLS-SRTP, werift)
// it gets every packet and every frame of simulated cameras, with no loss on loopback, and two
// viewers of one camera each count their own copy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { EngineViewers } from '../../../bench/capacity/engine-viewers.js';
import type { StreamCounts } from '../../../bench/capacity/stream-counter.js';
import { lossBetween } from '../../../bench/capacity/stream-counter.js';
import { EngineSuite } from '../../support/engine-suite.js';

const PASSWORD = 'capacity receiver password';

describe('capacity receiver (werift) on a real engine', () => {
  let simulator: CameraSimulator;
  // Before the suite's engine hook, which stores the simulator's addresses.
  before(async () => {
    simulator = await CameraSimulator.create({
      port: 0,
      cameras: ['cam-a', 'cam-b'].map((id) => ({ id, main: mediaPath(MEDIA_CLIPS.main720Gop1), sub: mediaPath(MEDIA_CLIPS.sub360Gop2) })),
    });
  });
  after(async () => simulator?.close());
  const suite = EngineSuite.forSuite('jharokha-capacity-rx-', { pullGraceMs: 500 }, async (s) => {
    s.stored.cameras.upsertMany(
      ['cam-a', 'cam-b'].map((id, i) => ({
        id,
        name: id,
        category: 'market' as const,
        lat: 26.45 + i * 1e-4,
        lon: 80.33,
        mainUrl: simulator.url(id, 'main'),
        subUrl: simulator.url(id, 'sub'),
      })),
    );
    await s.stored.users.upsert({ username: 'rx', displayName: 'rx', role: 'operator', password: PASSWORD });
  });

  it('receives every stream of a batch at the source frame rate with no loss', async () => {
    const viewers = await EngineViewers.open({
      wsUrl: suite.engine.wsUrl(),
      username: 'rx',
      password: PASSWORD,
      streams: [
        { cameraId: 'cam-a', stream: 'main' },
        { cameraId: 'cam-b', stream: 'main' },
        { cameraId: 'cam-a', stream: 'main' },
      ],
    });
    try {
      // Forwarding starts at the next key frame (1 s GOP here).
      await new Promise((r) => setTimeout(r, 1500));
      const before = viewers.counts();
      await new Promise((r) => setTimeout(r, 2000));
      const after = viewers.counts();
      assert.equal(after.length, 3);
      after.forEach((a: StreamCounts, i) => {
        const b = before[i]!;
        const fps = (a.frames - b.frames) / 2;
        assert.ok(fps > 20 && fps < 30, `stream ${i}: ${fps} frames/s`);
        assert.ok(a.packets - b.packets > 2 * fps, `stream ${i}: ${a.packets - b.packets} packets`);
        assert.equal(lossBetween(b, a), 0, `stream ${i} lost packets`);
      });
    } finally {
      await viewers.close();
    }
  });
});
