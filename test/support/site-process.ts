// A site engine in a process of its own (site-child.ts), seeded before it starts, for tests that
// kill it with SIGKILL and start it again on the same port and data dir; and a workstation engine
// (in the test's process) following it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SiteLinkTiming } from '../../main/engine/node/workstation/site-link.js';
import { SiteEngine } from '../../main/engine/node/site-engine.js';
import { BoxRepo } from '../../main/engine/node/store/box-repo.js';
import { CameraRepo, type CameraRecordInput } from '../../main/engine/node/store/camera-repo.js';
import { openDatabase } from '../../main/engine/node/store/database.js';
import { UserRepo } from '../../main/engine/node/store/user-repo.js';
import { WorkstationRepo } from '../../main/engine/node/store/workstation-repo.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SITE_TOKEN = 'site-token-for-the-workstation-tests';
export const OPERATOR = { username: 'asha', password: 'correct horse battery' } as const;
export const BOX_ID = 'box-a';

export interface SeededSite {
  dataDir: string;
  port: number;
  kioskKey: string;
  workstationKey: string;
  process: ChildProcess | undefined;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A site data dir with these cameras, one call box, the operator asha and workstation ws-1. */
export async function seedSite(cameras: CameraRecordInput[]): Promise<SeededSite> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-site-'));
  const db = openDatabase(path.join(dataDir, 'engine.sqlite'));
  try {
    new CameraRepo(db).upsertMany(cameras);
    const boxes = new BoxRepo(db);
    boxes.upsert({ id: BOX_ID, name: 'Ghantaghar box', place: 'Ghantaghar', lat: 26.46, lon: 80.35 });
    const kioskKey = boxes.issueKey(BOX_ID);
    await new UserRepo(db).upsert({ ...OPERATOR, displayName: 'Asha', role: 'operator' });
    const workstationKey = new WorkstationRepo(db).register('ws-1', 'Desk 1');
    return { dataDir, port: await freePort(), kioskKey, workstationKey, process: undefined };
  } finally {
    db.close();
  }
}

export async function startSite(site: SeededSite): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'site-child.ts'), site.dataDir, String(site.port), SITE_TOKEN], {
    env: { ...process.env, JHAROKHA_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error('site engine exited before it was ready')));
  });
  site.process = child;
}

export async function killSite(site: SeededSite): Promise<void> {
  const child = site.process;
  site.process = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export function kioskUrl(site: SeededSite): string {
  return `ws://127.0.0.1:${site.port}/ws?box=${BOX_ID}&key=${encodeURIComponent(site.kioskKey)}`;
}

export function startWorkstation(site: SeededSite, timing: SiteLinkTiming = {}, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-ws-'))): Promise<SiteEngine> {
  return SiteEngine.create({
    dataDir,
    port: 0,
    demo: false,
    pullGraceMs: 200,
    upstream: { siteUrl: `http://127.0.0.1:${site.port}`, workstationId: 'ws-1', key: site.workstationKey, siteToken: SITE_TOKEN },
    upstreamTiming: { pingMs: 300, pollMs: 60_000, requestTimeoutMs: 3_000, ...timing },
  });
}
