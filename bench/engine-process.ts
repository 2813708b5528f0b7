// The bench's handle on the engine child process (bench/engine-host.ts).
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localDisplayKey } from '../main/engine/node/store/machine-key.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What bench/engine-host.ts says once its engine listens. */
export interface HostReady {
  type: 'ready';
  pid: number;
  workerPid: number;
  /** Its first ingest shard: the camera pulls that used to run on the engine's main loop. */
  shardPid: number;
  baseUrl: string;
  wsUrl: string;
  token: string;
  /** The bench's wall pages derive their display keys from it, as the engine's own shell does. */
  localDisplaySecret: string;
  boxKeys: Record<string, string>;
}

export interface EngineProcess extends Omit<HostReady, 'type'> {
  wallUrl(wallId: string, displayId: string): string;
  /** A kiosk's WebSocket for a registered bench box. */
  kioskWsUrl(boxId: string): string;
  /** A kiosk's page for a registered bench box. */
  kioskPageUrl(boxId: string): string;
  close(): Promise<void>;
}

/** The engine host's configuration (bench/engine-host.ts reads it from its environment). */
export interface EngineHostConfig {
  dataDir: string;
  pullGraceMs: number;
  cameras: Record<string, unknown>[];
  boxes?: Record<string, unknown>[];
  users?: Record<string, unknown>[];
  /**
   * The media plane's size: `mediaWorkers`, `ingestShards` (SiteEngineOptions once the pool is in;
   * typed loosely here so the bench can ask for them either way). Absent: the engine's defaults.
   */
  pool?: { mediaWorkers?: number; ingestShards?: number };
}

/** bench/engine-host.ts forked on a data dir, once it is ready; close() asks it to stop and kills it after 10 s. */
export async function forkEngineHost(config: EngineHostConfig): Promise<{ ready: HostReady; close(): Promise<void> }> {
  const child: ChildProcess = fork(path.join(here, 'engine-host.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      JHAROKHA_LOG_LEVEL: process.env.JHAROKHA_LOG_LEVEL ?? 'warn',
      BENCH_ENGINE_CONFIG: JSON.stringify(config),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<HostReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('engine child did not start within 60 s'));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine child exited with ${code} before it was ready`));
    });
    child.on('message', (message: HostReady) => {
      if (message?.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message);
    });
  });
  return {
    ready,
    close: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function startEngineProcess(options: Omit<EngineHostConfig, 'dataDir'>): Promise<EngineProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-bench-'));
  const host = await forkEngineHost({ dataDir, ...options });
  const { ready } = host;
  return {
    ...ready,
    kioskWsUrl: (boxId) => `${ready.wsUrl.replace(/\?.*/, '')}?box=${boxId}&key=${encodeURIComponent(ready.boxKeys[boxId] ?? '')}`,
    kioskPageUrl: (boxId) => `${ready.baseUrl}/callbox/${boxId}?key=${encodeURIComponent(ready.boxKeys[boxId] ?? '')}`,
    wallUrl: (wallId, displayId) => {
      const key = localDisplayKey(Buffer.from(ready.localDisplaySecret, 'base64url'), wallId, displayId);
      return `${ready.baseUrl}/wall/${wallId}/${displayId}?key=${encodeURIComponent(key)}`;
    },
    close: async () => {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
