// Entry point: pick the page from the address, take the access token (a kiosk: its box key; a wall
// display: its display's key) from the desktop shell's preload (window.jharokha) or, in a browser,
// the address, connect to the engine.
import { createRoot, type Root } from 'react-dom/client';
import { createLogger } from '../../common/logger.js';
import { engineSocketUrl, takeAccessToken, takeMachineKey } from './access-token.js';
import { isInstaller, OperatorLink } from './login/operator-link.js';
import { EngineClient, type EngineLink } from './engine-client.js';
import { startKiosk } from './kiosk/start-kiosk.js';
import { CallMedia } from './media/call-media.js';
import { MediaSession } from './media/media-session.js';
import { ConsolePage } from './pages/ConsolePage.js';
import { KioskPage } from './pages/KioskPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { WallPage } from './pages/WallPage.js';
import { parseRoute, type Route } from './routes.js';

const log = createLogger('renderer');

function main(): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  const route = parseRoute(window.location.pathname);
  // Back from the back/forward cache the connection is gone for good: start afresh.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });

  if (route.page === 'not-found') {
    document.title = 'Jharokha — not found';
    root.render(<p className="page-message">No page at {route.pathname}. Try /console or /wall/main/1.</p>);
    return;
  }
  if (route.page === 'callbox') {
    startCallBox(route.boxId, root);
    return;
  }
  const credentials = route.page === 'wall' ? displayCredentials(route) : siteCredentials();
  if (credentials === null) {
    document.title = 'Jharokha — no access token';
    const ends = route.page === 'wall' ? `?key=… (an installer issues each display its key on /setup)` : '?token=…';
    root.render(<p className="page-message">This page has no access token. Open it from the address the engine printed (it ends in {ends}).</p>);
    return;
  }

  const client = new EngineClient({ url: engineSocketUrl(window.location, credentials) });
  const stops: Array<() => void> = [];

  if (route.page === 'setup') {
    // No video here: the installer's page needs only the login and the setup methods.
    document.title = 'Setup — Jharokha';
    const installer = new OperatorLink(client, window.sessionStorage, isInstaller);
    installer.start();
    stops.push(() => installer.close());
    root.render(<SetupPage client={client} link={installer} />);
  } else {
    startViewingPage(route, client, stops, root);
  }
  client.start();
  // The engine ends this page's watches and calls when the socket closes; closing it cleanly says so at once.
  window.addEventListener('pagehide', () => {
    for (const stop of stops) stop();
    client.close();
  });
  log.info(`page ${route.page} started`);
}

function siteCredentials(): Record<string, string> | null {
  const token = takeAccessToken(window);
  return token === null ? null : { token };
}

/** A wall display's own key (kept per display, like a kiosk's): with it the page may show only this display. */
function displayCredentials({ wallId, displayId }: { wallId: string; displayId: string }): Record<string, string> | null {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    // Storage disabled: the address's key serves this visit only.
  }
  const place = { location: window.location, history: window.history, localStorage: storage ?? noStorage, jharokha: (window as { jharokha?: unknown }).jharokha };
  // A desk monitor's window (role workstation) shows a display of its desk wall, with that display's key.
  const key = takeMachineKey(place, `jharokha.wall.${wallId}.${displayId}.key`, ['wall', 'workstation']);
  return key === null ? null : { wall: wallId, display: displayId, key };
}

const noStorage = { getItem: () => null, setItem: () => undefined };

function startCallBox(boxId: string, root: Root): void {
  const kiosk = startKiosk(boxId);
  if (kiosk === null) {
    document.title = 'Jharokha — call box without a key';
    root.render(
      <p className="page-message" data-testid="kiosk-no-key">
        This call box has no key. Open it once from the address the engine issued for box {boxId} (it ends in ?key=…).
      </p>,
    );
    return;
  }
  root.render(<KioskPage client={kiosk.client} sender={kiosk.sender} media={kiosk.media} boxId={boxId} />);
  window.addEventListener('pagehide', kiosk.stop);
}

function startViewingPage(route: Extract<Route, { page: 'wall' | 'console' }>, client: EngineClient, stops: Array<() => void>, root: Root): void {
  const startSession = (link: EngineLink): MediaSession => {
    const session = new MediaSession(link);
    stops.push(() => session.close());
    session.start();
    return session;
  };
  if (route.page === 'wall') {
    document.title = `Wall ${route.wallId}/${route.displayId} — Jharokha`;
    document.body.classList.add('wall-body');
    root.render(<WallPage client={client} session={startSession(client)} wallId={route.wallId} displayId={route.displayId} />);
  } else {
    document.title = 'Console — Jharokha';
    const operator = new OperatorLink(client, window.sessionStorage);
    // Video and calls wait for the operator link: the engine takes them only after a login.
    const session = startSession(operator);
    const callMedia = new CallMedia(operator);
    operator.start();
    callMedia.start();
    stops.push(
      () => callMedia.close(),
      () => operator.close(),
    );
    root.render(<ConsolePage client={client} session={session} operator={operator} callMedia={callMedia} />);
  }
}

main();
