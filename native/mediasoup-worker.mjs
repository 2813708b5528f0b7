#!/usr/bin/env node
// Builds mediasoup's C++ worker from the npm package's own sources against Debian's
// libraries, and caches the binary outside the repo keyed by mediasoup version and compiler.
// Why: mediasoup's postinstall downloads a prebuilt worker or pip-installs meson, and these
// machines reach neither. Plain ESM with no dependencies: it runs before `npm ci`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The exact mediasoup version pinned in package.json. */
export function pinnedMediasoupVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const version = pkg.dependencies?.mediasoup;
  if (!/^3\.12\.\d+$/.test(version ?? '')) {
    throw new Error(`package.json must pin mediasoup to an exact 3.12.x version, found "${version}"`);
  }
  return version;
}

function compilerId() {
  const cxx = process.env.CXX || 'c++';
  const banner = execFileSync(cxx, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  return createHash('sha256').update(`${os.arch()} ${banner}`).digest('hex').slice(0, 12);
}

/** Where the worker binary for this checkout lives (it may not be built yet). */
export function mediasoupWorkerPath() {
  if (process.env.MEDIASOUP_WORKER_BIN) return process.env.MEDIASOUP_WORKER_BIN;
  const cacheRoot = process.env.JHAROKHA_CACHE_DIR || path.join(os.homedir(), '.cache', 'jharokha');
  return path.join(cacheRoot, 'mediasoup-worker', `${pinnedMediasoupVersion()}-${compilerId()}`, 'mediasoup-worker');
}

/** Rewrites meson files to use Debian's libraries instead of meson subprojects (wraps download). */
export function patchMesonForSystemLibs(workerDir) {
  const mainFile = path.join(workerDir, 'meson.build');
  let main = fs.readFileSync(mainFile, 'utf8');
  main = main.replace(/meson_version: '>= [\d.]+'/, "meson_version: '>= 0.63.0'");
  const systemDeps = [
    "openssl_dep = dependency('openssl')",
    "nlohmann_json_dep = dependency('nlohmann_json')",
    "libuv_dep = dependency('libuv')",
    "libsrtp2_dep = declare_dependency(dependencies: dependency('libsrtp2'), compile_args: ['-I/usr/include/srtp2'])",
    "usrsctp_dep = dependency('usrsctp')",
    "absl_container_dep = dependency('absl_flat_hash_map')",
    "absl_strings_dep = dependency('absl_strings')",
    "absl_types_dep = dependency('absl_optional')",
    '',
  ].join('\n');
  // Top-level `x_proj = subproject(...)` blocks go; the indented Windows-only one stays.
  let inserted = false;
  main = main.replace(/^\w+_proj = subproject\([\s\S]*?\n\)\n/gm, () => {
    if (inserted) return '';
    inserted = true;
    return systemDeps;
  });
  if (!inserted) throw new Error(`no subproject() blocks found in ${mainFile}: unexpected mediasoup layout`);
  main = main.replace(/^\s*(?!wingetopt_)\w+_proj\.get_variable\('\w+_lib'\),\n/gm, '');
  main = main.replace(/^\s*libuv_proj\.get_variable\('libuv'\),\n/gm, '');
  main = main.replace(/^\s*libsrtp2_proj\.get_variable\('libsrtp2'\),\n/gm, '');
  main = main.replace(/^\s*usrsctp_proj\.get_variable\('usrsctp'\),\n/gm, '');
  main = main.replace(/\b(?!wingetopt_)\w+_proj\.get_variable\('(\w+)'\)/g, (_m, name) => name);
  // Tests and fuzzer need Catch2 and clang's fuzzer runtime; only the worker is needed.
  const testsAt = main.indexOf('test_sources = [');
  if (testsAt > 0) main = main.slice(0, testsAt);
  fs.writeFileSync(mainFile, main);

  const webrtcFile = path.join(workerDir, 'deps', 'libwebrtc', 'meson.build');
  let webrtc = fs.readFileSync(webrtcFile, 'utf8');
  webrtc = webrtc.replace(/^abseil_cpp_proj = subproject\([\s\S]*?\n\)\n/m, '');
  webrtc = webrtc.replace(/\w+_proj\.get_variable\('(\w+)'\)/g, (_m, name) => name);
  fs.writeFileSync(webrtcFile, webrtc);
  if (/_proj\.get_variable/.test(main.replace(/wingetopt_proj\.get_variable/g, '')) || /_proj/.test(webrtc)) {
    throw new Error('meson patch left subproject references behind');
  }
}

function run(cmd, args, opts = {}) {
  console.log(`[native] $ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', ...opts });
}

export function buildMediasoupWorker() {
  const target = mediasoupWorkerPath();
  if (fs.existsSync(target)) {
    console.log(`[native] mediasoup worker cached at ${target}`);
    return target;
  }
  const version = pinnedMediasoupVersion();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-msbuild-'));
  try {
    console.log(`[native] building mediasoup ${version} worker (about 5 minutes on 2 cores)`);
    run('npm', ['pack', `mediasoup@${version}`, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
    run('tar', ['-xzf', path.join(work, `mediasoup-${version}.tgz`), '-C', work]);
    const workerDir = path.join(work, 'package', 'worker');
    patchMesonForSystemLibs(workerDir);
    run('meson', ['setup', 'build', '--buildtype=release', '-Db_lto=false'], { cwd: workerDir });
    run('ninja', ['-C', 'build', '-j', String(Math.max(1, os.availableParallelism())), 'mediasoup-worker'], { cwd: workerDir });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial-${process.pid}`;
    fs.copyFileSync(path.join(workerDir, 'build', 'mediasoup-worker'), partial);
    fs.chmodSync(partial, 0o755);
    fs.renameSync(partial, target); // atomic: a half-copied binary is never picked up
    console.log(`[native] mediasoup worker built: ${target}`);
    return target;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'build') buildMediasoupWorker();
  else if (command === 'path') console.log(mediasoupWorkerPath());
  else {
    console.error('usage: node native/mediasoup-worker.mjs build|path');
    process.exit(2);
  }
}
