// The bench's handle on the engine child process (bench/engine-host.ts).
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface EngineProcess {
  pid: number;
  workerPid: number;
  baseUrl: string;
  wsUrl: string;
  token: string;
  boxKeys: Record<string, string>;
  wallUrl(wallId: string, displayId: string): string;
  /** A kiosk's WebSocket for a registered bench box. */
  kioskWsUrl(boxId: string): string;
  /** A kiosk's page for a registered bench box. */
  kioskPageUrl(boxId: string): string;
  close(): Promise<void>;
}

interface Ready {
  type: 'ready';
  pid: number;
  workerPid: number;
  baseUrl: string;
  wsUrl: string;
  token: string;
  boxKeys: Record<string, string>;
}

export async function startEngineProcess(options: {
  cameras: Record<string, unknown>[];
  boxes?: Record<string, unknown>[];
  users?: Record<string, unknown>[];
  pullGraceMs: number;
}): Promise<EngineProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-bench-'));
  const child: ChildProcess = fork(path.join(here, 'engine-host.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      JHAROKHA_LOG_LEVEL: process.env.JHAROKHA_LOG_LEVEL ?? 'warn',
      BENCH_ENGINE_CONFIG: JSON.stringify({ dataDir, pullGraceMs: options.pullGraceMs, cameras: options.cameras, boxes: options.boxes, users: options.users }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('engine child did not start within 60 s')), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine child exited with ${code} before it was ready`));
    });
    child.on('message', (message: Ready) => {
      if (message?.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message);
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...ready,
    kioskWsUrl: (boxId) => `${ready.wsUrl.replace(/\?.*/, '')}?box=${boxId}&key=${encodeURIComponent(ready.boxKeys[boxId] ?? '')}`,
    kioskPageUrl: (boxId) => `${ready.baseUrl}/callbox/${boxId}?key=${encodeURIComponent(ready.boxKeys[boxId] ?? '')}`,
    wallUrl: (wallId, displayId) => `${ready.baseUrl}/wall/${wallId}/${displayId}?token=${encodeURIComponent(ready.token)}`,
    close: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
