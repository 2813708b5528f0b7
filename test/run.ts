// npm test: typecheck, lint (import layering included), then every node:test file — unit and
// integration first, end-to-end (real Chromium) last. Exits non-zero on the first failing stage.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2]; // optional: unit | integration | e2e

function testFiles(dir: string): string[] {
  const full = path.join(root, 'test', dir);
  if (!fs.existsSync(full)) return [];
  return (fs.readdirSync(full, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join('test', dir, f))
    .sort();
}

function stage(name: string, command: string, args: string[]): void {
  if (only && name.split(' ')[0] !== only) return;
  console.log(`\n=== ${name}: ${command} ${args.length > 6 ? `${args.slice(0, 6).join(' ')} …` : args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`=== ${name} FAILED after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${name} passed in ${seconds} s`);
}

const nodeTest = (files: string[]): string[] => ['--import', 'tsx', '--test', ...files];

stage('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
stage('lint', 'npx', ['eslint', '.']);
for (const kind of ['unit', 'integration', 'e2e']) {
  const files = testFiles(kind);
  if (files.length === 0) throw new Error(`no test files under test/${kind}`);
  // The end-to-end tests load the renderer bundle: build it from the sources under test.
  if (kind === 'e2e') stage('e2e (renderer bundle)', process.execPath, ['--import', 'tsx', 'renderer/build.ts']);
  stage(kind, process.execPath, nodeTest(files));
}
