// Starts Debian's Janus on a configuration written for the bench, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { janusPath } from '../machine.js';
import { writeJanusConfig } from './config.js';

export interface JanusProcess {
  pid: number;
  apiUrl: string;
  mountpointId: number;
  /** The last lines Janus printed (for saying why something failed). */
  output(): string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** `rtpPorts`: Janus's media ports (default 42000-42999; one per PeerConnection, two per RTSP pull). */
export async function startJanus(options: { rtspUrl?: string; iceEnforceList?: string; rtpPorts?: [number, number] }): Promise<JanusProcess> {
  if (!fs.existsSync(janusPath)) throw new Error(`${janusPath} not found (apt-get install janus)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-janus-'));
  const httpPort = await freePort();
  const mountpointId = 1;
  writeJanusConfig({ dir, httpPort, rtspUrl: options.rtspUrl, iceEnforceList: options.iceEnforceList, mountpointId, rtpPortRange: options.rtpPorts ?? [42000, 42999] });
  const child: ChildProcess = spawn(janusPath, ['-F', dir, '-C', path.join(dir, 'janus.jcfg'), '-o'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const apiUrl = `http://127.0.0.1:${httpPort}/janus`;
  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await cleanup();
      throw new Error(`janus exited with ${child.exitCode}: ${tail.trim().split('\n').slice(-5).join(' | ')}`);
    }
    try {
      const info = (await (await fetch(`${apiUrl}/info`)).json()) as { janus?: string };
      if (info.janus === 'server_info') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await cleanup();
      throw new Error(`janus did not answer on ${apiUrl} within 15 s: ${tail.trim().split('\n').slice(-5).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid: child.pid!, apiUrl, mountpointId, output: () => tail, close: cleanup };
}
