// A kiosk is opened once at /callbox/<box>?key=<box key> and then lives for months, through power
// cuts and browser restarts: the key is kept in localStorage (per box) and stripped from the
// address bar at once, so it shows up in no screenshot, history entry or shoulder-surfer's notes.
import { extractParams } from '../access-token.js';

export function boxKeyStorageKey(boxId: string): string {
  return `jharokha.kiosk.${boxId}.key`;
}

export interface KeyPlace {
  location: { href: string };
  history: Pick<History, 'replaceState' | 'state'>;
  localStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The key from the address (kept, then removed there) or the one kept from an earlier visit. */
export function takeBoxKey(place: KeyPlace, boxId: string): string | null {
  const { values, cleanHref } = extractParams(place.location.href, ['key']);
  if (cleanHref !== place.location.href) place.history.replaceState(place.history.state, '', cleanHref);
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
