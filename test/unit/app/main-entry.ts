// The shell's entry (main/app/electron-main/main.ts) bundled as build.ts bundles it, with
// `electron` replaced by the fake, and started with the given arguments and site token. restore()
// puts the process's argv and environment back and removes the bundle.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

export interface StartedEntry<F> {
  fake: F;
  dir: string;
  restore: () => void;
}

/** Waits (10 ms steps, at most `polls`) until `ready` says the shell has done its first work. */
export async function startMainEntry<F extends { state: { userData: string } }>(
  args: string[],
  ready: (fake: F) => boolean,
  polls = 200,
): Promise<StartedEntry<F>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-main-'));
  const saved = { argv: process.argv, token: process.env.JHAROKHA_TOKEN };
  const outfile = path.join(dir, 'main.cjs');
  await build({
    entryPoints: [path.join(root, 'main/app/electron-main/main.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    alias: { electron: path.join(here, 'fake-electron-module.ts') },
    logLevel: 'error',
  });
  process.argv = ['/usr/bin/electron', outfile, ...args];
  process.env.JHAROKHA_TOKEN = 'site-token';
  // The fake module runs first inside the bundle; userData is set before whenReady's callback runs.
  createRequire(import.meta.url)(outfile);
  const fake = (globalThis as unknown as { __fakeElectron: F }).__fakeElectron;
  fake.state.userData = path.join(dir, 'userData');
  for (let i = 0; i < polls && !ready(fake); i++) await new Promise((r) => setTimeout(r, 10));
  const restore = (): void => {
    process.argv = saved.argv;
    if (saved.token === undefined) delete process.env.JHAROKHA_TOKEN;
    else process.env.JHAROKHA_TOKEN = saved.token;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { fake, dir, restore };
}
