// An installer at a real engine: imports a camera CSV over HTTP and probes cameras over the
// WebSocket, as the /setup page does.
import assert from 'node:assert/strict';
import type { CameraImportReport } from '../../../common/protocol/setup-http.js';
import type { SiteEngine } from '../../../main/engine/node/site-engine.js';
import type { EngineFile } from '../../support/engine-stores.js';
import type { TestScratch } from '../../support/test-scratch.js';
import type { TestClient } from '../../support/ws-client.js';
import type { CameraSimulator } from '../../../sim/index.js';

const PASSWORD = 'installer password';

/** The CSV's header line and one line per camera, columns as named. */
export function cameraCsv(rows: Record<string, string>[]): string {
  const columns = Object.keys(rows[0]!);
  return [columns.join(','), ...rows.map((row) => columns.map((c) => row[c] ?? '').join(','))].join('\n');
}

export const place = { category: 'bank', lat: '26.47', lon: '80.35' };

export class InstallerSession {
  private constructor(
    private readonly engine: SiteEngine,
    private readonly token: string,
    readonly socket: TestClient,
  ) {}

  static async start(engine: SiteEngine, stored: EngineFile, scratch: TestScratch): Promise<InstallerSession> {
    await stored.users.upsert({ username: 'neha', displayName: 'Neha', role: 'installer', password: PASSWORD });
    const { token } = await stored.users.login('neha', PASSWORD);
    const socket = await scratch.connect(engine.wsUrl());
    assert.equal((await socket.request('session.login', { username: 'neha', password: PASSWORD })).ok, true);
    return new InstallerSession(engine, token, socket);
  }

  async importCsv(csv: string): Promise<CameraImportReport> {
    const response = await fetch(`${this.engine.baseUrl}/api/setup/cameras.csv`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    assert.equal(response.status, 200);
    return (await response.json()) as CameraImportReport;
  }

  /** Each camera's probe result, by id. */
  async probe(cameraIds: string[]): Promise<Map<string, any>> {
    const started = await this.socket.request('setup.probeCameras', { cameraIds, stream: 'main' });
    assert.equal(started.ok, true, JSON.stringify(started.error));
    const { jobId } = started.result;
    await this.socket.waitFrame((f) => f.event === 'setup.probeProgress' && (f.data as any).jobId === jobId && (f.data as any).finished, 'probe finished', 20_000);
    const results = this.socket.frames
      .filter((f) => f.event === 'setup.probeProgress' && (f.data as any).jobId === jobId && (f.data as any).result)
      .map((f) => (f.data as any).result);
    return new Map(results.map((r) => [r.cameraId, r]));
  }
}

/** What a suite started, released however far its tests got. */
export async function closeAll(scratch: TestScratch, parts: { stored?: EngineFile; engine?: SiteEngine; sim?: CameraSimulator }): Promise<void> {
  scratch.closeClients();
  parts.stored?.close();
  await parts.engine?.close();
  await parts.sim?.close();
  scratch.removeDataDir();
}
