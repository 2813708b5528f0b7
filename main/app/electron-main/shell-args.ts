// What the shell is told on its command line: either an engine already running (`npm start`
// starts one under Node and passes --engine-url, the token in JHAROKHA_TOKEN, the secret its wall
// windows' display keys derive from in JHAROKHA_DISPLAY_SECRET), or where to run
// its own engine in a utility process. Electron and Chromium add switches of their own to argv,
// so only ours are picked out.
import type { EngineAddress } from '../common/page-url.js';

export type EngineChoice =
  | { kind: 'external'; address: EngineAddress }
  | { kind: 'utility'; host: string; port: number; demo: boolean; token: string | undefined };

function flag(argv: readonly string[], name: string): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export function parseShellArgs(argv: readonly string[], env: Record<string, string | undefined>): EngineChoice {
  const token = env.JHAROKHA_TOKEN || undefined;
  const url = flag(argv, 'engine-url');
  if (url !== undefined) {
    const parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error(`--engine-url must be http(s), got ${parsed.protocol}`);
    if (!token) throw new Error('--engine-url needs the engine token in JHAROKHA_TOKEN');
    const displaySecret = env.JHAROKHA_DISPLAY_SECRET || undefined;
    return { kind: 'external', address: { url: parsed.origin, token, ...(displaySecret ? { displaySecret } : {}) } };
  }
  const port = Number(flag(argv, 'engine-port') ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--engine-port must be 0..65535');
  return { kind: 'utility', host: flag(argv, 'engine-host') ?? '127.0.0.1', port, demo: !argv.includes('--no-demo'), token };
}
