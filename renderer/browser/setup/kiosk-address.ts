// The address a call box's kiosk opens: its page on this engine, with its key. Built here, shown
// once to the installer after registering the box, and never stored by the page.
export function kioskAddress(origin: string, boxId: string, key: string): string {
  return `${origin.replace(/\/+$/, '')}/callbox/${encodeURIComponent(boxId)}?key=${encodeURIComponent(key)}`;
}
