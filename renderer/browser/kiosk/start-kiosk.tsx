// Starts a call box's page: its key, its socket, its outbox of presses and its call media.
import type { Root } from 'react-dom/client';
import { createLogger } from '../../../common/logger.js';
import type { ShellPlace } from '../access-token.js';
import { EngineClient } from '../engine-client.js';
import { CallMedia } from '../media/call-media.js';
import { KioskPage } from '../pages/KioskPage.js';
import { kioskSocketUrl, takeBoxKey } from './box-key.js';
import { PressOutbox, type OutboxStorage } from './press-outbox.js';
import { PressSender } from './press-sender.js';

const log = createLogger('kiosk');

/** Returns the function that ends the page's connections (on pagehide). */
export function startKiosk(root: Root, boxId: string): (() => void) | null {
  const storage = localStorageOrNull();
  // window.jharokha: what the desktop shell's preload exposed (absent in a browser).
  const { jharokha } = window as unknown as ShellPlace;
  const place = { location: window.location, history: window.history, localStorage: storage ?? noStorage, jharokha };
  const key = takeBoxKey(place, boxId);
  if (key === null) {
    document.title = 'Jharokha — call box without a key';
    root.render(
      <p className="page-message" data-testid="kiosk-no-key">
        This call box has no key. Open it once from the address the engine issued for box {boxId} (it ends in ?key=…).
      </p>,
    );
    return null;
  }
  document.title = `Call box ${boxId} — Jharokha`;
  document.body.classList.add('kiosk-body');
  const client = new EngineClient({ url: kioskSocketUrl(window.location, boxId, key) });
  const sender = new PressSender(new PressOutbox(storage ?? noStorage, boxId), client, { boxId });
  const media = new CallMedia(client);
  sender.start();
  media.start();
  client.start();
  root.render(<KioskPage client={client} sender={sender} media={media} boxId={boxId} />);
  log.info(`call box ${boxId} started`);
  return () => {
    media.close();
    sender.close();
    client.close();
  };
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
