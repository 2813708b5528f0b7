// How alerts read on the console: kinds, states and waiting times.
import type { Alert, AlertKind, AlertState, CallBoxSummary } from '../../../common/domain/alert.js';

export const kindLabels: Record<AlertKind, string> = { panic: 'PANIC', emergency: 'Emergency' };

export const stateLabels: Record<AlertState, string> = {
  ringing: 'Ringing',
  escalated: 'ESCALATED',
  answered: 'On call',
  on_hold: 'On hold',
  dropped: 'Dropped',
  ended: 'Ended',
  closed: 'Closed',
};

/** "m:ss" (or "h:mm:ss") since a moment, never negative (engine and console clocks differ slightly). */
export function formatElapsed(sinceMs: number, nowMs: number): string {
  const total = Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function boxLine(alert: Pick<Alert, 'boxId'>, box: CallBoxSummary | undefined): string {
  if (!box) return alert.boxId;
  return box.place ? `${box.name} — ${box.place}` : box.name;
}
