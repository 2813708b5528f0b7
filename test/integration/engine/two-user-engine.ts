// A bare engine (no demo) in a temporary data dir with operator ravi and supervisor asha, sharing
// one password: the login tests' common ground. close() closes the clients handed to track() too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import type { TestClient } from '../../support/ws-client.js';

export const PASSWORD = 'operator password';

export interface TwoUserEngine {
  engine: SiteEngine;
  /** The engine's file opened beside it, to seed and to read back. */
  stored: EngineFile;
  dataDir: string;
  track: <C extends TestClient>(client: C) => C;
  close: () => Promise<void>;
}

export async function startTwoUserEngine(prefix: string): Promise<TwoUserEngine> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const engine = await SiteEngine.create({ dataDir, port: 0, demo: false });
  const stored = await openEngineFile(dataDir);
  await stored.users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: PASSWORD });
  await stored.users.upsert({ username: 'asha', displayName: 'Asha', role: 'supervisor', password: PASSWORD });
  const clients: TestClient[] = [];
  return {
    engine,
    stored,
    dataDir,
    track: (client) => {
      clients.push(client);
      return client;
    },
    close: async () => {
      for (const client of clients) client.close();
      stored.close();
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For a describe block: the engine started (then `seed`) before its tests and closed after them;
 * call the returned function inside a test for it.
 */
export function twoUserEngineForSuite(prefix: string, seed?: (site: TwoUserEngine) => Promise<void> | void): () => TwoUserEngine {
  let site: TwoUserEngine | undefined;
  before(async () => {
    site = await startTwoUserEngine(prefix);
    await seed?.(site);
  });
  after(async () => site?.close());
  return () => {
    if (!site) throw new Error('the suite’s engine starts in its before hook');
    return site;
  };
}
