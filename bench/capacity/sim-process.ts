// The capacity step's cameras: the simulator's own CLI at real camera rates (`--real-bitrate`:
// 1080p at 4 Mbit/s, 360p at 512 kbit/s) in a process of its own, so that packetizing hundreds of
// streams neither shares the driver's event loop nor hides in its CPU.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'sim', 'node', 'cli.ts');

export interface SimProcess {
  pid: number;
  /** cam-001… in order. */
  cameraIds: string[];
  url(cameraId: string, stream: 'main' | 'sub'): string;
  close(): Promise<void>;
}

/** `wrap` runs it elsewhere (inside the bench's network namespace: netns.ts). */
export async function startSimProcess(cameras: number, log: (line: string) => void, wrap = (argv: string[]) => argv): Promise<SimProcess> {
  const [command, ...args] = wrap([process.execPath, '--import', 'tsx', cli, '--cameras', String(cameras), '--port', '0', '--real-bitrate']);
  const child = spawn(command!, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JHAROKHA_LOG_LEVEL: 'warn' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // It has no channel to notice the bench ending: a bench that exits takes it along.
  const orphaned = (): void => void child.kill('SIGKILL');
  process.once('exit', orphaned);
  void exited.then(() => process.off('exit', orphaned));
  // Clip making (first run on a machine) says how far it is on stderr.
  readline.createInterface({ input: child.stderr }).on('line', (line) => log(`  sim: ${line.trim()}`));
  const urls = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator did not list its cameras within 120 s')), 120_000);
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
    readline.createInterface({ input: child.stdout }).on('line', (url) => {
      const m = /\/([^/]+)\/(main|sub)$/.exec(url.trim());
      if (m) urls.set(`${decodeURIComponent(m[1]!)}/${m[2]}`, url.trim());
      if (urls.size === cameras * 2) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const cameraIds = [...new Set([...urls.keys()].map((k) => k.split('/')[0]!))];
  return {
    pid: child.pid!,
    cameraIds,
    url: (cameraId, stream) => urls.get(`${cameraId}/${stream}`)!,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
