// What the kiosk shows: which of its box's alerts is "the call", and what to tell the person at
// the box about it, in English and Hindi. Pure, so the rules are testable.
import type { Alert, AlertKind, AlertState } from '../../../common/domain/alert.js';

/** A finished call stays on screen this long, then the kiosk is ready for the next person. */
export const FINISHED_SHOWN_MS = 30_000;

const finishedStates: readonly AlertState[] = ['ended', 'closed'];
/** While the call is answered or on hold, this side produces its camera and microphone. */
const inCallStates: readonly AlertState[] = ['answered', 'on_hold'];

export interface KioskCall {
  alert: Alert | null;
  /** Kiosk clock when the shown alert was first seen finished, or null. */
  finishedSeenAt: number | null;
}

export const noCall: KioskCall = { alert: null, finishedSeenAt: null };

/**
 * Takes news of one of the box's alerts. The shown call follows its own updates; another alert
 * takes over only if it is newer, or the shown one is finished: an old alert being closed by an
 * operator must not replace the call in progress. `fromStatus`: the news is box.status's answer
 * on (re)connect rather than a change as it happened.
 */
export function applyAlert(current: KioskCall, incoming: Alert, boxId: string, now: number, fromStatus = false): KioskCall {
  if (incoming.boxId !== boxId) return current;
  const shown = current.alert;
  const takesOver =
    shown === null ||
    shown.id === incoming.id ||
    incoming.raisedAt > shown.raisedAt ||
    (finishedStates.includes(shown.state) && !finishedStates.includes(incoming.state));
  if (!takesOver) return current;
  const finished = finishedStates.includes(incoming.state);
  if (!finished) return { alert: incoming, finishedSeenAt: null };
  if (shown?.id === incoming.id && current.finishedSeenAt !== null) return { alert: incoming, finishedSeenAt: current.finishedSeenAt };
  // A call that was already over when the kiosk (re)connected is not news to anyone at the box.
  return { alert: incoming, finishedSeenAt: fromStatus ? now - FINISHED_SHOWN_MS : now };
}

/** The state the page shows (and exposes as data-state): the call's, or idle once it is long over. */
export function shownState(call: KioskCall, now: number): AlertState | 'idle' {
  const alert = call.alert;
  if (!alert) return 'idle';
  if (call.finishedSeenAt !== null && now - call.finishedSeenAt >= FINISHED_SHOWN_MS) return 'idle';
  return alert.state;
}

/**
 * Which button shows as pressed: the kind of the box's call while it is still open (the engine
 * joins every further press to it, and a panic press makes it panic), or of a press not yet
 * confirmed; panic wins over emergency. Null when there is nothing to wait for.
 */
export function pressedKind(call: KioskCall, pending: readonly { kind: AlertKind }[], now: number): AlertKind | null {
  const state = shownState(call, now);
  const openKind = state !== 'idle' && !finishedStates.includes(state) ? call.alert?.kind : undefined;
  const kinds = [...(openKind ? [openKind] : []), ...pending.map((press) => press.kind)];
  if (kinds.includes('panic')) return 'panic';
  return kinds.length > 0 ? 'emergency' : null;
}

/** The alert whose media this kiosk sends and plays, or null. */
export function activeCallId(call: KioskCall): string | null {
  return call.alert && inCallStates.includes(call.alert.state) ? call.alert.id : null;
}

export interface Words {
  en: string;
  hi: string;
}

export const stateWords: Record<AlertState | 'idle', Words> = {
  idle: { en: 'Press a button for help', hi: 'मदद के लिए बटन दबाएँ' },
  ringing: { en: 'Calling the police control room…', hi: 'पुलिस कंट्रोल रूम को कॉल जा रही है…' },
  escalated: { en: 'Still calling the police control room…', hi: 'पुलिस कंट्रोल रूम को कॉल अभी जारी है…' },
  answered: { en: 'Connected — speak now', hi: 'जुड़ गया — अब बोलिए' },
  on_hold: { en: 'On hold — please stay here, the operator will be back', hi: 'होल्ड पर — कृपया यहीं रहें, ऑपरेटर वापस आएँगे' },
  dropped: { en: 'The call was cut off — the control room will call you back', hi: 'कॉल कट गई — कंट्रोल रूम आपको वापस कॉल करेगा' },
  ended: { en: 'The call has ended', hi: 'कॉल समाप्त हो गई' },
  closed: { en: 'The call has ended — thank you', hi: 'कॉल समाप्त हो गई — धन्यवाद' },
};

/** On the pressed button; the status above it says how the call stands (waiting, connected…). */
export const pressedWords: Words = { en: 'Pressed', hi: 'दबाया गया' };

export const sendingWords: Words = { en: 'Sending your call…', hi: 'आपकी कॉल भेजी जा रही है…' };

export const offlineWords: Words = {
  en: 'Not connected to the control room — your call will be sent as soon as the connection returns',
  hi: 'कंट्रोल रूम से संपर्क नहीं है — कनेक्शन लौटते ही आपकी कॉल भेज दी जाएगी',
};

export const refusedWords: Words = {
  en: 'This call box is not accepted by the control room (its key was refused). Please dial 112.',
  hi: 'कंट्रोल रूम ने यह कॉल बॉक्स स्वीकार नहीं किया (इसकी कुंजी अमान्य है)। कृपया 112 डायल करें।',
};
