// A suite's throwaway things around its engine: a data dir of its own and the WebSocket clients its
// tests open, so that the suite's `after` releases them all however far its tests got.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestClient } from './ws-client.js';

export class TestScratch {
  readonly dataDir: string;
  private readonly clients: TestClient[] = [];

  constructor(prefix: string) {
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  async connect(url: string): Promise<TestClient> {
    const client = await TestClient.connect(url);
    this.clients.push(client);
    return client;
  }

  closeClients(): void {
    for (const client of this.clients) client.close();
  }

  removeDataDir(): void {
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
