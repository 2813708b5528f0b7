// One line under the console's banners when the media plane replaced a worker or an ingest shard:
// the operator sees why tiles blinked, and that nothing is asked of them.
import type { EngineLink } from '../engine-client.js';
import { noticeText } from './media-restarts.js';
import { useMediaRestarts } from './use-media-restarts.js';

export function MediaRestartLine({ link }: { link: EngineLink }) {
  const { notice, dismiss } = useMediaRestarts(link);
  if (!notice) return null;
  return (
    <div className="media-restart-line" role="status" data-testid="media-restarted" data-count={notice.count} title={notice.last.detail}>
      <span>{noticeText(notice)}</span>
      <button type="button" className="notice-dismiss" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
