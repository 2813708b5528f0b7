// `jharokha user-disable` edits the SQLite file from its own process; a running engine must stop
// serving that user promptly anyway: an idle logged-in socket is closed (4401) within a second (the
// engine polls the file's commit counter), and a request on a logged-in socket is refused as soon
// as the store says no.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { createHandlers } from '../../../main/engine/node/api/handlers/index.js';
import { Connection, LOGIN_ENDED } from '../../../main/engine/node/api/connection.js';
import { userCommand } from '../../../main/engine/node/cli-users.js';
import type { EngineContext } from '../../../main/engine/node/engine-context.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { AuditLog } from '../../../main/engine/node/store/audit-log.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { UserRepo } from '../../../main/engine/node/store/user-repo.js';
import type { CallPeer, Viewer } from '../../../sfu/index.js';
import { PASSWORD, startTwoUserEngine, type TwoUserEngine } from './two-user-engine.js';
import { closeOf, within } from '../../support/socket-close.js';
import { TestClient } from '../../support/ws-client.js';


describe('a user disabled by the CLI under a running engine', () => {
  let site: TwoUserEngine;
  let engine: SiteEngine;
  let dataDir: string;

  before(async () => {
    site = await startTwoUserEngine('jharokha-revoke-');
    ({ engine, dataDir } = site);
  });

  after(async () => site?.close());

  it('has their idle socket closed with 4401 within 1 s; the token no longer resumes; others stay', async () => {
    const operator = await TestClient.connect(engine.wsUrl());
    const colleague = await TestClient.connect(engine.wsUrl());
    site.track(operator);
    site.track(colleague);
    const { token } = await operator.ok('session.login', { username: 'ravi', password: PASSWORD });
    await colleague.ok('session.login', { username: 'asha', password: PASSWORD });
    const closed = closeOf(operator);

    // The CLI's own code path, its own connection to the same file: nothing tells the engine.
    const said = await userCommand('user-disable', ['ravi', '--data-dir', dataDir], dataDir);
    assert.match(said, /disabled ravi/);
    const close = await within(closed, 1_000, 'close of the disabled operator socket');
    assert.deepEqual(close, LOGIN_ENDED);

    const again = await TestClient.connect(engine.wsUrl());
    site.track(again);
    assert.equal((await again.request('session.resume', { token })).error?.code, 'Unauthorized');
    assert.equal((await again.request('session.login', { username: 'ravi', password: PASSWORD })).error?.code, 'Unauthorized');
    assert.equal(colleague.ws.readyState, WebSocket.OPEN, 'another user is not put out');
    assert.equal((await colleague.request('alerts.list', {})).ok, true);
  });
});

describe('a request on a socket whose login has ended', () => {
  let dir: string;
  let wss: WebSocketServer;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-revoke-session-'));
  });
  after(() => {
    wss?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is refused Unauthorized and the socket then closes with 4401 (no waiting for the periodic check)', async () => {
    const db = openDatabase(path.join(dir, 'engine.sqlite'));
    const users = new UserRepo(db);
    await users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: PASSWORD });
    const handlers = createHandlers({ users, audit: new AuditLog(db), alerts: { list: () => [] } } as unknown as EngineContext);
    // Only the media plane is stood in for here: the login check under test touches none of it.
    const media = (): Viewer & CallPeer => Object.assign(new TypedEmitter(), { close: () => undefined }) as unknown as Viewer & CallPeer;
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (ws, req) => {
      new Connection('s1', ws, handlers, { kind: 'console' }, media(), media(), req.socket.remoteAddress ?? '', (s) => (s.loginToken ? users.userForToken(s.loginToken) : undefined));
    });
    await new Promise((resolve) => wss.once('listening', resolve));
    const client = await TestClient.connect(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    try {
      await client.ok('session.login', { username: 'ravi', password: PASSWORD });
      assert.equal((await client.request('alerts.list', {})).ok, true);
      const closed = closeOf(client);
      await userCommand('user-disable', ['ravi', '--data-dir', dir], dir);
      const refused = await client.request('alerts.list', {});
      assert.equal(refused.error?.code, 'Unauthorized');
      assert.match(refused.error!.message, /your login has ended/);
      assert.deepEqual(await within(closed, 1_000, 'close after the refusal'), LOGIN_ENDED);
    } finally {
      client.close();
      db.close();
    }
  });
});
