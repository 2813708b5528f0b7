// What the installer's page says about a camera import: the engine's answer read into a report or
// a refusal with the engine's own words, and the counts worded for a dry run or a real import.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importCameraInventory } from '../../../main/engine/node/setup/camera-import.js';
import type { CameraRepo } from '../../../main/engine/node/store/camera-repo.js';
import { importCounts, importHeadline, importPath, readImportAnswer, type ImportOutcome } from '../../../renderer/browser/setup/import-report.js';

const messageOf = (outcome: ImportOutcome): string => (outcome.kind === 'refused' ? outcome.message : `a report: ${JSON.stringify(outcome.report)}`);

const dryRun = {
  dryRun: true,
  rows: 5,
  inserted: 3,
  updated: 0,
  unchanged: 0,
  errors: [
    { line: 3, id: 'bad-lat', reason: 'lat "north" is not a number' },
    { line: 5, reason: 'missing id' },
  ],
};

describe('camera import answer', () => {
  it('reads a 200 into the report, counts in the order an installer reads them', () => {
    const outcome = readImportAnswer(200, JSON.stringify(dryRun));
    assert.equal(outcome.kind, 'report');
    assert.deepEqual(outcome.kind === 'report' && outcome.report, dryRun);
    assert.deepEqual(
      importCounts(dryRun).map((c) => [c.key, c.value]),
      [
        ['rows', 5],
        ['inserted', 3],
        ['updated', 0],
        ['unchanged', 0],
        ['bad', 2],
      ],
    );
    assert.equal(importCounts(dryRun)[1]!.label, 'would be added');
    assert.equal(importHeadline(dryRun), 'Dry run: 3 cameras would be added or changed, 2 bad rows. Nothing was saved.');
    const done = { ...dryRun, dryRun: false };
    assert.equal(importCounts(done)[1]!.label, 'added');
    assert.match(importHeadline(done), /^Imported: 3 added, 0 changed, 0 unchanged, 2 bad rows/);
  });

  it('reads what the engine really answers (its report type, not a copy of it)', () => {
    const repo = { reconcile: () => ({ inserted: 1, updated: 0, unchanged: 0 }) } as unknown as CameraRepo;
    const csv = 'id,name,category,lat,lon,main_url\ncam-1,One,bank,26.4,80.3,rtsp://10.0.0.1/main\n,Two,bank,26.4,80.3,rtsp://10.0.0.2/main\n';
    const report = importCameraInventory(repo, csv, { dryRun: true });
    const outcome = readImportAnswer(200, JSON.stringify(report));
    assert.equal(outcome.kind, 'report', 'the page reads the engine report');
    assert.deepEqual(outcome.kind === 'report' && outcome.report.errors.map((e) => e.line), [3]);
  });

  it('puts the engine message after a plain lead for each refusal', () => {
    const said = (status: number, message: string): string => messageOf(readImportAnswer(status, JSON.stringify({ code: 'BadRequest', message })));
    assert.deepEqual(readImportAnswer(400, JSON.stringify({ code: 'BadRequest', message: 'line 1: unknown column "cam"' })), {
      kind: 'refused',
      status: 400,
      message: 'The file cannot be imported. The engine said: line 1: unknown column "cam"',
    });
    assert.match(said(401, 'log in as an installer'), /^Your login is no longer accepted.*log out and log in again\. The engine said: log in as an installer$/);
    assert.match(said(403, 'only an installer may import cameras'), /^Only an installer may import cameras\. The engine said: only an installer/);
    assert.match(said(413, 'the import takes at most 20.0 MiB'), /too large.*split.*at most 20\.0 MiB/);
    assert.match(messageOf(readImportAnswer(502, 'Bad Gateway')), /^The engine failed \(HTTP 502\)/);
  });

  it('says plainly when no answer came, or one it cannot read', () => {
    assert.match(messageOf(readImportAnswer(0, '')), /did not answer/);
    assert.match(messageOf(readImportAnswer(200, '{"rows":"many"}')), /cannot read/);
  });

  it('asks for a dry run or a real import in the query', () => {
    assert.equal(importPath(true), '/api/setup/cameras.csv?dryRun=1');
    assert.equal(importPath(false), '/api/setup/cameras.csv?dryRun=0');
  });
});
