// A button press must never be lost: it is written to storage before anything is sent, and stays
// there until the engine has answered box.press for it. A press made offline, or whose answer was
// lost with the connection, is sent again with the same pressId; the engine raises one alert per
// pressId, so it counts exactly once. Pure: the storage, clock and id source are injected.
import { z } from 'zod';
import { AlertKind } from '../../../common/domain/alert.js';

export const PendingPress = z.object({
  pressId: z.string().uuid(),
  kind: AlertKind,
  /** Kiosk clock (ms since epoch) when the button was pressed. */
  pressedAt: z.number().int().nonnegative(),
});
export type PendingPress = z.infer<typeof PendingPress>;

const StoredPresses = z.array(z.unknown());

export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface PressOutboxOptions {
  newId?: () => string;
  now?: () => number;
}

export function outboxStorageKey(boxId: string): string {
  return `jharokha.kiosk.${boxId}.presses.v1`;
}

export class PressOutbox {
  private readonly key: string;
  private readonly newId: () => string;
  private readonly now: () => number;
  /** Mirrors storage; it is the only copy if storage refuses writes (disabled, full). */
  private items: PendingPress[];

  constructor(
    private readonly storage: OutboxStorage,
    boxId: string,
    options: PressOutboxOptions = {},
  ) {
    this.key = outboxStorageKey(boxId);
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.now = options.now ?? (() => Date.now());
    this.items = this.load();
  }

  /** Oldest first: the order they are sent in. */
  get pending(): readonly PendingPress[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Records a press (stored before this returns). A second press of the same button while the
   * first is still unconfirmed is the same call for help, not another one: it returns the first.
   */
  add(kind: AlertKind): { press: PendingPress; added: boolean } {
    const waiting = this.items.find((press) => press.kind === kind);
    if (waiting) return { press: waiting, added: false };
    const press: PendingPress = { pressId: this.newId(), kind, pressedAt: Math.max(0, Math.round(this.now())) };
    this.items = [...this.items, press];
    this.save();
    return { press, added: true };
  }

  /** The engine answered for this press: it is done. Unknown ids are ignored. */
  confirm(pressId: string): void {
    const next = this.items.filter((press) => press.pressId !== pressId);
    if (next.length === this.items.length) return;
    this.items = next;
    this.save();
  }

  private load(): PendingPress[] {
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      return [];
    }
    if (raw === null) return [];
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return [];
    }
    const list = StoredPresses.safeParse(json);
    if (!list.success) return [];
    // One damaged entry must not cost the others: keep every entry that still parses.
    return list.data.flatMap((entry) => {
      const press = PendingPress.safeParse(entry);
      return press.success ? [press.data] : [];
    });
  }

  private save(): void {
    try {
      this.storage.setItem(this.key, JSON.stringify(this.items));
    } catch {
      // The in-memory copy still gets it sent while this page lives.
    }
  }
}
