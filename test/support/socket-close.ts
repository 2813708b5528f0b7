// How a test's socket ended, and a deadline for it: revocation tests wait for the engine to put a
// socket out and check the code it gave.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { TestClient } from './ws-client.js';

/** The close code and reason the socket ends with (resolves at once, code -1, if it already has). */
export const closeOf = (client: TestClient): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => {
    if (client.ws.readyState === WebSocket.CLOSED) resolve({ code: -1, reason: 'already closed' });
    client.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });

export const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'main', 'engine', 'node', 'cli.ts');

/** Runs the jharokha CLI in a process of its own, as an installer would beside a running engine; its output. */
export function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, JHAROKHA_LOG_LEVEL: 'error' } }, (error, stdout, stderr) =>
      error ? reject(new Error(`jharokha ${args[0]} failed: ${stderr}`)) : resolve(stdout),
    );
  });
}
