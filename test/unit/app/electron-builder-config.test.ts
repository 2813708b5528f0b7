import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const text = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

describe('electron-builder.yml', () => {
  const config = parse(text, { uniqueKeys: true, strict: true }) as Record<string, any>;

  it('is valid YAML describing AppImage and deb for Linux and NSIS for Windows', () => {
    assert.equal(typeof config.appId, 'string');
    assert.equal(config.productName, 'Jharokha');
    assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
    assert.deepEqual(config.win.target, ['nsis']);
    assert.equal(typeof config.linux.maintainer, 'string', 'deb packages need a maintainer');
  });

  it('starts the bundled shell and ships the shell, the engine tree and the renderer bundle', () => {
    assert.equal(config.extraMetadata.main, 'dist/app/main.cjs');
    assert.ok(config.files.includes('dist/app/**/*'));
    assert.ok(config.files.includes('dist/renderer/**/*'));
    assert.ok(config.files.includes('package.json'));
    // main.ts computes these paths from its own location: they must match the build's layout.
    const build = fs.readFileSync(path.join(root, 'main/app/build.ts'), 'utf8');
    for (const output of ["'main.cjs'", "'preload.cjs'", "'engine'", "'bin'"]) assert.ok(build.includes(output), output);
  });

  it('keeps native code out of the asar: every .node file and the mediasoup worker', () => {
    assert.equal(config.asar, true);
    assert.ok(config.asarUnpack.includes('**/*.node'), 'better-sqlite3');
    assert.ok(config.asarUnpack.includes('dist/app/bin/**'), 'the staged mediasoup worker (see main/app/node/worker-bin.ts)');
    assert.equal(config.npmRebuild, true, 'better-sqlite3 is rebuilt for Electron');
  });

  it('flips the fuses that turn Electron back into Node', () => {
    assert.equal(config.electronFuses.runAsNode, false);
    assert.equal(config.electronFuses.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(config.electronFuses.enableNodeCliInspectArguments, false);
    assert.equal(config.electronFuses.onlyLoadAppFromAsar, true);
  });

  it('lists the Debian libraries the mediasoup worker links against', () => {
    for (const lib of ['libssl3', 'libuv1', 'libsrtp2-1', 'libusrsctp2']) assert.ok(config.deb.depends.includes(lib), lib);
  });
});
