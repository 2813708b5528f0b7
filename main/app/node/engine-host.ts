// The utility-process side of the engine: waits for the shell's sealing key, starts the engine,
// reports ready (URL and token) or failed to the shell over the parent port, and stops it when
// asked. The start function and the port are passed in, so this is tested without Electron or a
// real engine.
import { createLogger } from '../../../common/logger.js';
import { KeyFileSource, StaticKeySource, type KeySource } from '../../engine/node/store/secret-box.js';
import { EngineMessage, ShellMessage, type EngineKeyMessage } from '../common/engine-messages.js';

const log = createLogger('engine-host');

export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: EngineMessage): void;
}

export interface HostedEngine {
  readonly baseUrl: string;
  readonly token: string;
  /** What the shell derives its wall windows' display keys from. */
  readonly localDisplaySecret?: string;
  close(): Promise<void>;
}

export interface HostDeps {
  port: ParentPortLike;
  /** Called once the shell has said where the sealing key comes from. */
  start(key: EngineKeyMessage): Promise<HostedEngine>;
  exit(code: number): void;
  /** The shell posts the key right after the fork; silence past this means something is wrong. */
  keyTimeoutMs?: number;
}

/** The engine's KeySource for what the shell sent: the unwrapped key, or the data dir's key file. */
export function keySourceFor(message: EngineKeyMessage, dataDir: string): KeySource {
  if (message.type === 'key-file') return KeyFileSource.inDataDir(dataDir);
  return new StaticKeySource(Buffer.from(message.key, 'base64'), 'the key the desktop app keeps sealed by safeStorage');
}

/** Resolves once the engine has started (or failed to); a later `stop` closes it and exits. */
export async function hostEngine({ port, start, exit, keyTimeoutMs = 10_000 }: HostDeps): Promise<void> {
  let engine: HostedEngine | undefined;
  let stopRequested = false;
  let stopping = false;
  let keyTaken = false;
  let receiveKey!: (message: EngineKeyMessage | 'stop') => void;
  const keyArrived = new Promise<EngineKeyMessage | 'stop'>((resolve) => (receiveKey = resolve));
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await engine?.close();
      exit(0);
    } catch (error) {
      log.error('the engine did not close cleanly', error);
      exit(1);
    }
  };
  let warned = false;
  port.on('message', ({ data }) => {
    const message = ShellMessage.safeParse(data);
    if (!message.success) {
      if (!warned) log.warn('ignored a malformed message from the shell');
      warned = true;
      return;
    }
    if (message.data.type !== 'stop') {
      if (keyTaken) log.warn('ignored a second key message from the shell');
      keyTaken = true;
      receiveKey(message.data);
      return;
    }
    stopRequested = true;
    receiveKey('stop');
    if (engine) void stop();
  });
  const fail = (message: string): void => {
    log.error(`the engine failed to start: ${message}`);
    port.postMessage(EngineMessage.parse({ type: 'failed', message: message.slice(0, 2000) }));
    exit(1);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), keyTimeoutMs)));
  const key = await Promise.race([keyArrived, late]);
  clearTimeout(timer);
  if (key === 'stop') {
    exit(0);
    return;
  }
  if (key === 'late') {
    fail(`the desktop app sent no sealing key within ${keyTimeoutMs / 1000} s`);
    return;
  }
  try {
    engine = await start(key);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return;
  }
  // The shell may have asked to stop while the engine was starting.
  if (stopRequested) {
    await stop();
    return;
  }
  const { localDisplaySecret } = engine;
  port.postMessage(EngineMessage.parse({ type: 'ready', url: engine.baseUrl, token: engine.token, ...(localDisplaySecret ? { displaySecret: localDisplaySecret } : {}) }));
}
