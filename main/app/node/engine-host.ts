// The utility-process side of the engine: starts it, reports ready (URL and token) or failed to
// the shell over the parent port, and stops it when asked. The start function and the port are
// passed in, so this is tested without Electron or a real engine.
import { createLogger } from '../../../common/logger.js';
import { EngineMessage, ShellMessage } from '../common/engine-messages.js';

const log = createLogger('engine-host');

export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: EngineMessage): void;
}

export interface HostedEngine {
  readonly baseUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

export interface HostDeps {
  port: ParentPortLike;
  start(): Promise<HostedEngine>;
  exit(code: number): void;
}

/** Resolves once the engine has started (or failed to); a later `stop` closes it and exits. */
export async function hostEngine({ port, start, exit }: HostDeps): Promise<void> {
  let engine: HostedEngine | undefined;
  let stopRequested = false;
  let stopping = false;
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
    stopRequested = true;
    if (engine) void stop();
  });

  try {
    engine = await start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`the engine failed to start: ${message}`);
    port.postMessage(EngineMessage.parse({ type: 'failed', message: message.slice(0, 2000) }));
    exit(1);
    return;
  }
  // The shell may have asked to stop while the engine was starting.
  if (stopRequested) {
    await stop();
    return;
  }
  port.postMessage(EngineMessage.parse({ type: 'ready', url: engine.baseUrl, token: engine.token }));
}
