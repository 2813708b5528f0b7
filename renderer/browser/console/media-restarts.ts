// The console's one line about the media plane healing itself: the engine says when a mediasoup
// worker or an ingest shard died and was replaced ('media.restarted'). The line stays 30 s after
// the latest restart, or until dismissed; restarts that come while it shows join it as a count,
// so a burst reads as one line, not a stack of banners.
import type { EventData } from '../../../common/protocol/events.js';
import { clockTime } from '../ui/clock-time.js';

export type MediaRestart = EventData<'media.restarted'>;

export interface MediaRestartNotice {
  /** The first restart this line stands for, and the latest. */
  first: MediaRestart;
  last: MediaRestart;
  count: number;
  /** When the line goes (this page's Date.now() clock: the engine's may differ). */
  until: number;
}

export const NOTICE_SHOWN_MS = 30_000;

/** The line after one more restart arrived at `now`: joined to the one showing, or a new one. */
function withRestart(notice: MediaRestartNotice | null, restart: MediaRestart, now: number): MediaRestartNotice {
  const until = now + NOTICE_SHOWN_MS;
  if (notice === null || now >= notice.until) return { first: restart, last: restart, count: 1, until };
  return { first: notice.first, last: restart, count: notice.count + 1, until };
}

export type NoticeAction =
  | { type: 'restart'; restart: MediaRestart; now: number }
  /** The timer set for `until` ran out: only that line goes (a later restart has moved it on). */
  | { type: 'expire'; until: number }
  | { type: 'dismiss' };

export function reduceNotice(notice: MediaRestartNotice | null, action: NoticeAction): MediaRestartNotice | null {
  switch (action.type) {
    case 'restart':
      return withRestart(notice, action.restart, action.now);
    case 'expire':
      return notice?.until === action.until ? null : notice;
    case 'dismiss':
      return null;
  }
}

const partName = (restart: MediaRestart): string => `${restart.part} ${restart.index}`;

export function noticeText(notice: MediaRestartNotice): string {
  const { first, last, count } = notice;
  if (count === 1) return `Media restarted ${clockTime(first.at)} (${partName(first)}): tiles recover by themselves`;
  return `Media restarted ${count} times since ${clockTime(first.at)}, last ${clockTime(last.at)} (${partName(last)}): tiles recover by themselves`;
}
