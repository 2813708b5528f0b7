// Across the top of the console whenever a call waits: what, where, how long, and one click to
// answer the first in the queue. It rings (WebAudio) for as long as it shows.
import type { Alert, CallBoxSummary } from '../../../common/domain/alert.js';
import { useNow } from '../ui/use-now.js';
import { answerLabel } from './alert-actions.js';
import { boxLine, formatElapsed } from './alert-words.js';
import { useRingSound } from './use-ring-sound.js';

export interface RingBannerProps {
  /** Waiting calls in queue order (panic first). */
  waiting: readonly Alert[];
  boxes: ReadonlyMap<string, CallBoxSummary>;
  talking: Alert | null;
  /** Whether this operator may answer the first one (supervisors: escalated only). */
  canAnswer: (alert: Alert) => boolean;
  onAnswer: (alert: Alert) => void;
}

export function RingBanner({ waiting, boxes, talking, canAnswer, onAnswer }: RingBannerProps) {
  const first = waiting[0] ?? null;
  useRingSound(first?.kind ?? null);
  useNow(1_000, first !== null);
  if (!first) return null;
  const panic = first.kind === 'panic';
  const escalated = first.state === 'escalated';
  const headline = panic ? 'PANIC CALL — a woman may be in danger' : 'Emergency call';
  const more = waiting.length - 1;
  return (
    <div
      className={`ring-banner ring-${first.kind}${escalated ? ' ring-escalated' : ''}`}
      role="alert"
      data-testid="ring-banner"
      data-kind={first.kind}
      data-state={first.state}
      data-alert-id={first.id}
    >
      <span className="ring-headline">
        {escalated ? 'ESCALATED — UNANSWERED: ' : ''}
        {headline}
      </span>
      <span className="ring-where">{boxLine(first, boxes.get(first.boxId))}</span>
      <span className="ring-wait">waiting {formatElapsed(first.raisedAt, Date.now())}</span>
      {more > 0 ? <span className="ring-more">+{more} more waiting</span> : null}
      {canAnswer(first) ? (
        <button type="button" className="ring-answer" data-testid="ring-answer" onClick={() => onAnswer(first)}>
          {answerLabel(first, talking)}
        </button>
      ) : null}
    </div>
  );
}
