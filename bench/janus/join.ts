// Janus's streaming plugin with its key-frame buffer: viewers joining a camera it already serves,
// measured in a child process inside the bench's network namespace (join-host.ts), because Janus
// gathers no ICE candidates on loopback. Without root or `ip` Janus is "not measured", with why.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchNetns } from '../capacity/netns.js';
import type { JanusJoinResult } from './join-host.js';

const host = path.join(path.dirname(fileURLToPath(import.meta.url)), 'join-host.ts');

export type JanusJoin = ({ measured: true } & JanusJoinResult) | { measured: false; why: string };

export async function measureJanusJoin(steps: number[], trials: number): Promise<JanusJoin> {
  let netns: ReturnType<typeof createBenchNetns> | undefined;
  try {
    netns = createBenchNetns();
    const [command, ...args] = netns.wrap([process.execPath, '--import', 'tsx', host, ...steps.map(String), String(trials)]);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(command!, args, { timeout: 180_000, maxBuffer: 1 << 20 }, (error, out, err) => {
        if (error) reject(new Error(`${error.message.split('\n')[0]}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
        else resolve(out);
      });
    });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return { measured: true, ...(JSON.parse(last) as JanusJoinResult) };
  } catch (error) {
    return { measured: false, why: (error as Error).message };
  } finally {
    netns?.close();
  }
}
