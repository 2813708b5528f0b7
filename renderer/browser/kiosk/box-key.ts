// A kiosk is opened once at /callbox/<box>?key=<box key> and then lives for months, through power
// cuts and browser restarts: the key is kept in localStorage (per box) and stripped from the
// address bar at once, so it shows up in no screenshot, history entry or shoulder-surfer's notes.
// A kiosk window of the desktop shell gets its key from the preload instead, and keeps none.
import { engineSocketUrl, takeMachineKey, type KeyPlace } from '../access-token.js';

export function boxKeyStorageKey(boxId: string): string {
  return `jharokha.kiosk.${boxId}.key`;
}

/** The shell's key; else the key from the address (kept, then removed there) or the one kept from an earlier visit. */
export function takeBoxKey(place: KeyPlace, boxId: string): string | null {
  return takeMachineKey(place, boxKeyStorageKey(boxId), ['callbox']);
}

/** A box session's WebSocket: no operator token, the box's own credential instead. */
export function kioskSocketUrl(location: { protocol: string; host: string }, boxId: string, key: string): string {
  return engineSocketUrl(location, { box: boxId, key });
}
