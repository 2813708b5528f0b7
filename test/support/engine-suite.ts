// A real engine for one describe block: its own data dir, the engine's SQLite file opened beside it
// (to seed and to read what the engine recorded, as an auditor would), and the sockets its tests
// open, all released after the block however far its tests got.
import { after, before } from 'node:test';
import { SiteEngine, type SiteEngineOptions } from '../../main/engine/node/site-engine.js';
import { openEngineFile, type EngineFile } from './engine-stores.js';
import { TestScratch } from './test-scratch.js';
import type { TestClient } from './ws-client.js';

export class EngineSuite {
  readonly scratch: TestScratch;
  private started: { engine: SiteEngine; stored: EngineFile } | undefined;

  /** Registers the block's before (engine up, then `seed`) and after hooks. */
  static forSuite(prefix: string, options: Omit<SiteEngineOptions, 'dataDir'>, seed?: (suite: EngineSuite) => Promise<void> | void): EngineSuite {
    const suite = new EngineSuite(prefix);
    before(async () => {
      const engine = await SiteEngine.create({ port: 0, demo: false, ...options, dataDir: suite.scratch.dataDir });
      suite.started = { engine, stored: await openEngineFile(suite.scratch.dataDir) };
      await seed?.(suite);
    });
    after(async () => {
      suite.scratch.closeClients();
      suite.started?.stored.close();
      await suite.started?.engine.close();
      suite.scratch.removeDataDir();
    });
    return suite;
  }

  private constructor(prefix: string) {
    this.scratch = new TestScratch(prefix);
  }

  get engine(): SiteEngine {
    if (!this.started) throw new Error('the suite’s engine starts in its before hook');
    return this.started.engine;
  }

  get stored(): EngineFile {
    if (!this.started) throw new Error('the suite’s engine starts in its before hook');
    return this.started.stored;
  }

  /** A socket on the site token (closed after the block). */
  connect(url = this.engine.wsUrl()): Promise<TestClient> {
    return this.scratch.connect(url);
  }

  /** The socket address a kiosk of `boxId` opens with `key`. */
  kioskUrl(boxId: string, key: string): string {
    return `${this.engine.wsUrl().replace(/\?.*/, '')}?box=${encodeURIComponent(boxId)}&key=${encodeURIComponent(key)}`;
  }
}
