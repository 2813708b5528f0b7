// The console's "media restarted" line: one line per burst with a count, 30 s after the latest
// restart, dismissable, and worded with the local time and the part that was replaced.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTICE_SHOWN_MS, noticeText, reduceNotice, type MediaRestart, type MediaRestartNotice, type NoticeAction } from '../../../renderer/browser/console/media-restarts.js';

const at = (h: number, m: number, s: number): number => new Date(2025, 0, 6, h, m, s).getTime();
const worker = (index: number, when: number): MediaRestart => ({ part: 'media worker', index, at: when, detail: 'worker died (SIGKILL)' });
const shard = (index: number, when: number): MediaRestart => ({ part: 'ingest shard', index, at: when, detail: 'shard exited (1)' });
const run = (...actions: NoticeAction[]): MediaRestartNotice | null => actions.reduce(reduceNotice, null);
const restart = (r: MediaRestart, now: number): NoticeAction => ({ type: 'restart', restart: r, now });

describe('media restarted notice', () => {
  it('one restart shows one line with its time and part', () => {
    const notice = run(restart(worker(1, at(21, 14, 3)), 1_000))!;
    assert.equal(noticeText(notice), 'Media restarted 21:14:03 (media worker 1): tiles recover by themselves');
    assert.equal(notice.count, 1);
    assert.equal(notice.until, 1_000 + NOTICE_SHOWN_MS);
  });

  it('restarts while the line shows join it as a count, and keep it 30 s after the latest', () => {
    const notice = run(restart(worker(1, at(21, 14, 3)), 1_000), restart(worker(0, at(21, 14, 9)), 7_000), restart(shard(2, at(21, 14, 20)), 18_000))!;
    assert.equal(notice.count, 3);
    assert.equal(notice.until, 18_000 + NOTICE_SHOWN_MS);
    assert.equal(noticeText(notice), 'Media restarted 3 times since 21:14:03, last 21:14:20 (ingest shard 2): tiles recover by themselves');
  });

  it('goes when the timer for its latest restart runs out, not for an earlier one', () => {
    const first = restart(worker(1, at(9, 5, 0)), 1_000);
    const second = restart(worker(1, at(9, 5, 10)), 11_000);
    const stale: NoticeAction = { type: 'expire', until: 1_000 + NOTICE_SHOWN_MS };
    assert.equal(run(first, second, stale)?.count, 2, 'the first timer is stale once the second restart moved the line on');
    assert.equal(run(first, second, { type: 'expire', until: 11_000 + NOTICE_SHOWN_MS }), null);
  });

  it('a restart after the line went, or after it was dismissed, starts a new line', () => {
    const gone = run(restart(worker(1, at(9, 0, 0)), 0), restart(worker(1, at(9, 0, 31)), NOTICE_SHOWN_MS + 1))!;
    assert.equal(gone.count, 1);
    assert.equal(noticeText(gone), 'Media restarted 09:00:31 (media worker 1): tiles recover by themselves');
    assert.equal(run(restart(worker(1, at(9, 0, 0)), 0), { type: 'dismiss' }), null);
    assert.equal(run(restart(worker(1, at(9, 0, 0)), 0), { type: 'dismiss' }, restart(shard(0, at(9, 0, 5)), 5_000))?.count, 1);
  });
});
