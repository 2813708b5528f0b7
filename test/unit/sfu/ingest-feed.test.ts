// The engine's record of a feed: what a restarted shard is told in its one open message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Feed, type FeedHost } from '../../../sfu/node/ingest-shards/feed.js';
import type { ToShard } from '../../../sfu/node/ingest-shards/shard-protocol.js';

function feedOnHost(): { feed: Feed; sent: ToShard[]; forgotten: Feed[] } {
  const sent: ToShard[] = [];
  const forgotten: Feed[] = [];
  const host: FeedHost = { index: 0, send: (m) => sent.push(m), forget: (f) => forgotten.push(f) };
  const feed = new Feed(7, 'cam-1/main', {
    endpoint: { url: 'rtsp://op:secret@10.0.0.5/main', username: 'op', password: 'secret', transport: 'tcp' },
    ssrc: 1234,
    payloadType: 96,
    target: { ip: '127.0.0.1', port: 40001 },
  }, host);
  return { feed, sent, forgotten };
}

describe('Feed: the engine side of a camera stream in an ingest shard', () => {
  it('starts held; startForwarding and hold are sent once each, not repeated', () => {
    const { feed, sent } = feedOnHost();
    assert.equal(feed.openMessage().forwarding, false);
    feed.hold();
    feed.startForwarding();
    feed.startForwarding();
    feed.hold();
    assert.deepEqual(sent.map((m) => m.type), ['forward', 'hold']);
  });

  it('a lost feed is held with no target; what changes meanwhile is in the re-open, with its old port', () => {
    const { feed } = feedOnHost();
    const lost: string[] = [];
    feed.on('lost', (reason) => lost.push(reason));
    feed.onBound(50123);
    feed.startForwarding();
    feed.onLost('killed by SIGKILL');
    assert.deepEqual(lost, ['killed by SIGKILL']);
    let open = feed.openMessage();
    assert.equal(open.forwarding, false);
    assert.equal(open.target, undefined);
    assert.equal(open.sourcePort, 50123);
    feed.retarget({ ip: '127.0.0.1', port: 40002 });
    feed.startForwarding();
    open = feed.openMessage();
    assert.deepEqual(open.target, { ip: '127.0.0.1', port: 40002 });
    assert.equal(open.forwarding, true);
    assert.equal(open.password, 'secret', 'credentials go to the shard in the open message');
    assert.equal(open.ssrc, 1234);
  });

  it("continues the numbering past what the dead shard may have sent since its last report, within a receiver's gap", () => {
    const { feed } = feedOnHost();
    const now = Date.now();
    feed.onReport({ id: 7, seq: 65_000, ts: 1000, atMs: now - 1500, packetsOut: 0, cacheBytes: 0 });
    feed.onReport({ id: 7, seq: 65_400, ts: 2000, atMs: now - 500, packetsOut: 400, cacheBytes: 0 }); // 400 packets/s
    assert.equal(feed.openMessage().continueFrom, undefined, 'no continuation while the shard lives');
    feed.onLost('exited with code 1');
    const from = feed.openMessage().continueFrom!;
    const skip = (from.seq - 65_400 + 0x10000) & 0xffff;
    assert.ok(skip >= 400 && skip < 3000, `skip ${skip}: twice 0.5 s at 400 packets/s, plus a margin, and wrapped`);
    assert.equal(from.ts, 2000);

    const fast = feedOnHost().feed;
    fast.onReport({ id: 7, seq: 10, ts: 0, atMs: now - 10_500, packetsOut: 0, cacheBytes: 0 });
    fast.onReport({ id: 7, seq: 20, ts: 0, atMs: now - 10_000, packetsOut: 5000, cacheBytes: 0 }); // 10,000 packets/s, 10 s ago
    fast.onLost('killed by SIGKILL');
    assert.equal(fast.openMessage().continueFrom!.seq, 20 + 2900, 'capped below the 3,000 a receiver takes as a gap');
  });

  it('close is idempotent and tells its host once', () => {
    const { feed, sent, forgotten } = feedOnHost();
    feed.close();
    feed.close();
    feed.startForwarding();
    assert.equal(forgotten.length, 1);
    assert.deepEqual(sent, []);
  });

  it('a fast start is asked of the shard once, hears started and ended once, and close() stops it there', () => {
    const { feed, sent } = feedOnHost();
    const fast = feed.fastStart({ ssrc: 99, target: { ip: '127.0.0.1', port: 40100 } });
    assert.deepEqual(sent.at(-1), { type: 'fast-start', id: 7, fastStart: fast.id, ssrc: 99, target: { ip: '127.0.0.1', port: 40100 } });
    const events: string[] = [];
    fast.on('started', (info) => events.push(`started ${info.frames}`));
    fast.on('ended', (reason) => events.push(`ended ${reason}`));
    feed.onFastStarted(fast.id, { frames: 12, packets: 40, gopAgeMs: 900 });
    feed.onFastEnded(fast.id, 'keyframe');
    feed.onFastEnded(fast.id, 'timeout');
    assert.deepEqual(events, ['started 12', 'ended keyframe']);
    assert.equal(feed.fastStartCount, 0);
    fast.close();
    assert.equal(sent.filter((m) => m.type === 'fast-stop').length, 0, 'an ended fast start has nothing to stop');

    const stopped = feed.fastStart({ ssrc: 100, target: { ip: '127.0.0.1', port: 40101 } });
    stopped.close();
    stopped.close();
    assert.deepEqual(sent.filter((m) => m.type === 'fast-stop'), [{ type: 'fast-stop', id: 7, fastStart: stopped.id }]);
    assert.throws(() => feed.fastStart({ ssrc: -1, target: { ip: '127.0.0.1', port: 1 } }), /ssrc/);
  });

  it("a feed's fast starts end closed when it closes and lost when its shard dies; asked afterwards, at once", async () => {
    const { feed } = feedOnHost();
    const ended: string[] = [];
    const target = { ip: '127.0.0.1', port: 40102 };
    feed.fastStart({ ssrc: 1, target }).on('ended', (r) => ended.push(r));
    feed.onLost('killed by SIGKILL');
    const whileLost = feed.fastStart({ ssrc: 2, target });
    whileLost.on('ended', (r) => ended.push(`after: ${r}`)); // listened to after the call returned
    await Promise.resolve();
    feed.onReopened();
    feed.fastStart({ ssrc: 3, target }).on('ended', (r) => ended.push(r));
    feed.close();
    const afterClose = feed.fastStart({ ssrc: 4, target });
    afterClose.on('ended', (r) => ended.push(`after: ${r}`));
    await Promise.resolve();
    assert.deepEqual(ended, ['lost', 'after: lost', 'closed', 'after: closed']);
  });
});
