// Entry point: pick the page from the address, take the access token, connect to the engine.
import { createRoot } from 'react-dom/client';
import { createLogger } from '../../common/logger.js';
import { engineSocketUrl, takeAccessToken } from './access-token.js';
import { EngineClient } from './engine-client.js';
import { MediaSession } from './media/media-session.js';
import { ConsolePage } from './pages/ConsolePage.js';
import { WallPage } from './pages/WallPage.js';
import { parseRoute } from './routes.js';

const log = createLogger('renderer');

function main(): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  const route = parseRoute(window.location.pathname);

  if (route.page === 'not-found') {
    document.title = 'Jharokha — not found';
    root.render(<p className="page-message">No page at {route.pathname}. Try /console or /wall/main/1.</p>);
    return;
  }
  const token = takeAccessToken(window);
  if (token === null) {
    document.title = 'Jharokha — no access token';
    root.render(
      <p className="page-message">
        This page has no access token. Open it from the address the engine printed (it ends in ?token=…).
      </p>,
    );
    return;
  }

  const client = new EngineClient({ url: engineSocketUrl(window.location, token) });
  const session = new MediaSession(client);
  session.start();
  client.start();
  // The engine ends this page's watches when the socket closes; closing it cleanly says so at once.
  window.addEventListener('pagehide', () => {
    session.close();
    client.close();
  });
  // Back from the back/forward cache the connection is gone for good: start afresh.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });

  if (route.page === 'wall') {
    document.title = `Wall ${route.wallId}/${route.displayId} — Jharokha`;
    document.body.classList.add('wall-body');
    root.render(<WallPage client={client} session={session} wallId={route.wallId} displayId={route.displayId} />);
  } else {
    document.title = 'Console — Jharokha';
    root.render(<ConsolePage client={client} session={session} />);
  }
  log.info(`page ${route.page} started`);
}

main();
