// A fake of the engine's Electron utility process, seen from the shell: records what the shell
// posts; the test plays the engine by emitting 'message' and 'exit' on it.
import { EventEmitter } from 'node:events';
import type { ForkOptions } from '../../../main/app/electron-main/engine-process.js';

export class FakeChild extends EventEmitter {
  readonly received: unknown[] = [];
  killed = false;
  onStop: (() => void) | undefined;
  postMessage(message: unknown): void {
    this.received.push(message);
    if ((message as { type?: string }).type === 'stop') this.onStop?.();
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 15));
    return true;
  }
}

export interface Forked {
  modulePath: string;
  args: string[];
  options: ForkOptions;
  child: FakeChild;
}

/** What EngineProcess.create is given besides the fork: one engine entry, its args, env and key. */
export const KEY = Buffer.alloc(32, 0xa5).toString('base64');
export const engineOptions = {
  entry: '/app/engine-main.js',
  args: ['--data-dir=/data'],
  env: { MEDIASOUP_WORKER_BIN: '/app/bin/mediasoup-worker' },
  key: { type: 'key' as const, key: KEY },
};
