// Starts a call box's connections: its key, its socket, its outbox of presses and its call media.
import { createLogger } from '../../../common/logger.js';
import type { ShellPlace } from '../access-token.js';
import { EngineClient } from '../engine-client.js';
import { CallMedia } from '../media/call-media.js';
import { kioskSocketUrl, takeBoxKey } from './box-key.js';
import { PressOutbox, type OutboxStorage } from './press-outbox.js';
import { PressSender } from './press-sender.js';

const log = createLogger('kiosk');

export interface StartedKiosk {
  client: EngineClient;
  sender: PressSender;
  media: CallMedia;
  /** Ends the page's connections (on pagehide). */
  stop: () => void;
}

/** Null when the box has no key: the page can only say so. */
export function startKiosk(boxId: string): StartedKiosk | null {
  const storage = localStorageOrNull();
  // window.jharokha: what the desktop shell's preload exposed (absent in a browser).
  const { jharokha } = window as unknown as ShellPlace;
  const place = { location: window.location, history: window.history, localStorage: storage ?? noStorage, jharokha };
  const key = takeBoxKey(place, boxId);
  if (key === null) return null;
  document.title = `Call box ${boxId} — Jharokha`;
  document.body.classList.add('kiosk-body');
  const client = new EngineClient({ url: kioskSocketUrl(window.location, boxId, key) });
  const sender = new PressSender(new PressOutbox(storage ?? noStorage, boxId), client, { boxId });
  const media = new CallMedia(client);
  sender.start();
  media.start();
  client.start();
  log.info(`call box ${boxId} started`);
  const stop = (): void => {
    media.close();
    sender.close();
    client.close();
  };
  return { client, sender, media, stop };
}

const noStorage: OutboxStorage = { getItem: () => null, setItem: () => undefined };

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    log.warn('localStorage unavailable: presses survive only while this page stays open');
    return null;
  }
}
