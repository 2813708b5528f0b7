// A kiosk is opened once at /callbox/<box>?key=<box key> and then lives for months, through power
// cuts and browser restarts: the key is kept in localStorage (per box) and stripped from the
// address bar at once, so it shows up in no screenshot, history entry or shoulder-surfer's notes.
// A kiosk window of the desktop shell gets its key from the preload instead, and keeps none.
import { extractParams, shellCredential, type ShellPlace } from '../access-token.js';

export function boxKeyStorageKey(boxId: string): string {
  return `jharokha.kiosk.${boxId}.key`;
}

export interface KeyPlace extends ShellPlace {
  history: Pick<History, 'replaceState' | 'state'>;
  localStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The shell's key; else the key from the address (kept, then removed there) or the one kept from an earlier visit. */
export function takeBoxKey(place: KeyPlace, boxId: string): string | null {
  const { values, cleanHref } = extractParams(place.location.href, ['key']);
  if (cleanHref !== place.location.href) place.history.replaceState(place.history.state, '', cleanHref);
  const fromShell = shellCredential(place, ['callbox']);
  if (fromShell !== null) return fromShell;
  if (values.key !== null) {
    try {
      place.localStorage.setItem(boxKeyStorageKey(boxId), values.key);
    } catch {
      // Storage disabled: this visit still works; a restart will need the address again.
    }
    return values.key;
  }
  try {
    return place.localStorage.getItem(boxKeyStorageKey(boxId));
  } catch {
    return null;
  }
}

/** A box session's WebSocket: no operator token, the box's own credential instead. */
export function kioskSocketUrl(location: { protocol: string; host: string }, boxId: string, key: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?box=${encodeURIComponent(boxId)}&key=${encodeURIComponent(key)}`;
}
