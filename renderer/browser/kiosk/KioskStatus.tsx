// The call's state in words, English and Hindi, large. data-state and data-pending-presses are
// what the end-to-end tests read.
import type { AlertState } from '../../../common/domain/alert.js';
import { offlineWords, refusedWords, sendingWords, stateWords, type Words } from './kiosk-call.js';

export interface KioskStatusProps {
  state: AlertState | 'idle';
  pending: number;
  connected: boolean;
  refused: boolean;
}

export function KioskStatus({ state, pending, connected, refused }: KioskStatusProps) {
  // Until the engine has the press, "sending" is the truth, whatever the last call's state was.
  const waitingToSend = pending > 0 && (state === 'idle' || state === 'ended' || state === 'closed' || state === 'dropped');
  const main = waitingToSend ? sendingWords : stateWords[state];
  return (
    <div className={`kiosk-status kiosk-status-${state}`} data-testid="kiosk-state" data-state={state} data-pending-presses={pending} role="status">
      <Said words={main} className="kiosk-state-words" />
      {refused ? (
        <Said words={refusedWords} className="kiosk-connection kiosk-refused" testId="kiosk-refused" />
      ) : !connected ? (
        <Said words={offlineWords} className="kiosk-connection" testId="kiosk-offline" />
      ) : null}
    </div>
  );
}

function Said({ words, className, testId }: { words: Words; className: string; testId?: string }) {
  return (
    <p className={className} data-testid={testId}>
      <span className="said-en">{words.en}</span>
      <span className="said-hi" lang="hi">
        {words.hi}
      </span>
    </p>
  );
}
