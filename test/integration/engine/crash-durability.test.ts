// kill -9 during a burst of writes: every press the engine acknowledged is in the store after a
// reopen, each exactly once, and SQLite's integrity check passes (WAL with synchronous=FULL). The
// presses come from one box, so all but the first join its alert; the box's rate limit is raised
// here because the burst is about durability, not about floods.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { TestClient } from '../../support/ws-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('a crash in the middle of writes', () => {
  it('loses no acknowledged press and leaves a sound database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-crash-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), dataDir], {
      env: { ...process.env, JHAROKHA_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', () => reject(new Error('engine child exited before it was ready')));
      });
      const kiosk = await TestClient.connect((JSON.parse(line) as { kioskUrl: string }).kioskUrl);
      const acknowledged: string[] = [];
      const sent: string[] = [];
      let killed = false;
      // Presses keep going out, a few in flight at a time, until the engine is killed mid-burst.
      const burst = async (): Promise<void> => {
        while (!killed) {
          const pressId = randomUUID();
          sent.push(pressId);
          const answer = await Promise.race([
            kiosk.request('box.press', { kind: 'emergency', pressId }),
            exited.then(() => null),
          ]);
          if (answer?.ok) acknowledged.push(pressId);
        }
      };
      const writers = [burst(), burst(), burst(), burst()];
      while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      killed = true;
      assert.equal(await exited, 'SIGKILL');
      await Promise.all(writers);
      kiosk.close();

      const db = openDatabase(path.join(dataDir, 'engine.sqlite'));
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        // The first press raised the box's alert; every later one joined it.
        const raised = db.prepare('SELECT press_id FROM alerts').all() as { press_id: string }[];
        assert.equal(raised.length, 1, 'one box, one alert');
        const joined = db.prepare("SELECT request_key FROM applied_requests WHERE method = 'box.press'").all() as { request_key: string }[];
        const stored = new Set([...raised.map((r) => r.press_id), ...joined.map((r) => r.request_key)]);
        const lost = acknowledged.filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged presses lost`);
        assert.ok(stored.size <= sent.length, 'nothing stored that was not sent');
        const audited = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('alert.ring', 'alert.pressAgain')").get() as { n: number };
        assert.equal(audited.n, stored.size, 'every stored press has its audit entry (same transaction)');
      } finally {
        db.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
