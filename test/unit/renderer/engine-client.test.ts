// EngineClient against a real WebSocket server (the `ws` package), the client side driven through
// ws's browser-style WebSocket.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket as WsClient, WebSocketServer, type WebSocket as WsSocket } from 'ws';
import { JharokhaError } from '../../../common/errors.js';
import { EngineClient, EngineUnavailableError } from '../../../renderer/browser/engine-client.js';

type Answer = (request: { id: number; method: string; params: unknown }, socket: WsSocket) => unknown;

describe('engine client', () => {
  let server: WebSocketServer;
  let url: string;
  let answer: Answer = () => undefined;
  const sockets = new Set<WsSocket>();

  before(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws?token=t`;
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('message', (data) => {
        const request = JSON.parse(String(data)) as { id: number; method: string; params: unknown };
        const reply = answer(request, socket);
        if (reply !== undefined) socket.send(JSON.stringify(reply));
      });
    });
  });

  after(async () => {
    for (const socket of sockets) socket.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  const connect = async (options: Partial<ConstructorParameters<typeof EngineClient>[0]> = {}): Promise<EngineClient> => {
    const client = new EngineClient({
      url,
      createSocket: (u) => new WsClient(u) as unknown as WebSocket,
      retryDelayMs: () => 20,
      ...options,
    });
    const connected = new Promise<void>((resolve) => client.on('connected', resolve));
    client.start();
    await connected;
    return client;
  };

  const push = (frame: unknown): void => {
    for (const socket of sockets) socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  };

  it('sends requests with ids and the schema defaults, and resolves with the parsed result', async () => {
    const seen: unknown[] = [];
    answer = (request) => {
      seen.push(request);
      return { id: request.id, ok: true, result: { cameras: [], total: 0 } };
    };
    const client = await connect();
    const result = await client.request('cameras.search', { text: 'ghanta' });
    assert.deepEqual(result, { cameras: [], total: 0 });
    assert.deepEqual(seen, [{ id: 1, method: 'cameras.search', params: { text: 'ghanta', limit: 100 } }]);
    client.close();
  });

  it('rejects with the engine error code', async () => {
    answer = (request) => ({ id: request.id, ok: false, error: { code: 'NotFound', message: 'no wall x/1' } });
    const client = await connect();
    await assert.rejects(client.request('wall.get', { wallId: 'x', displayId: '1' }), (error: unknown) => {
      assert.ok(error instanceof JharokhaError);
      assert.equal(error.code, 'NotFound');
      assert.equal(error.message, 'no wall x/1');
      return true;
    });
    client.close();
  });

  it('rejects bad params without sending, and an invalid result as Internal', async () => {
    let sent = 0;
    answer = (request) => {
      sent++;
      return { id: request.id, ok: true, result: { grid: 3, tiles: [] } };
    };
    const client = await connect();
    await assert.rejects(client.request('wall.get', { wallId: 'Not A Slug', displayId: '1' }), { code: 'BadRequest' });
    assert.equal(sent, 0);
    await assert.rejects(client.request('wall.get', { wallId: 'main', displayId: '1' }), { code: 'Internal' });
    client.close();
  });

  it('times out a request the engine never answers', async () => {
    answer = () => undefined;
    const client = await connect({ requestTimeoutMs: 100 });
    await assert.rejects(client.request('media.routerCapabilities', {}), { code: 'Timeout' });
    client.close();
  });

  it('emits valid events and drops invalid frames without breaking the stream', async () => {
    answer = () => undefined;
    const client = await connect();
    const states: string[] = [];
    const got = new Promise<void>((resolve) =>
      client.on('watch.state', (data) => {
        states.push(data.state);
        if (states.length === 1) resolve();
      }),
    );
    push('not json');
    push({ event: 'watch.state', data: { watchId: 'w', cameraId: 'BAD', state: 'live' } });
    push({ event: 'no.such.event', data: {} });
    push({ something: 'else' });
    push({ event: 'watch.state', data: { watchId: 'w', cameraId: 'cam-1', state: 'live' } });
    await got;
    assert.deepEqual(states, ['live']);
    assert.equal(client.droppedFrames, 4);
    client.close();
  });

  it('rejects pending requests when the connection drops, says so, and reconnects by itself', async () => {
    answer = () => undefined;
    const client = await connect();
    const pending = client.request('media.createRecvTransport', {});
    const disconnected = new Promise<string>((resolve) => client.on('disconnected', resolve));
    const reconnected = new Promise<void>((resolve) => client.on('connected', resolve));
    for (const socket of sockets) socket.terminate();
    await assert.rejects(pending, (error: unknown) => error instanceof EngineUnavailableError);
    assert.match(await disconnected, /closed/);
    assert.equal(client.connected, false);
    await assert.rejects(client.request('media.routerCapabilities', {}), EngineUnavailableError);
    await reconnected;
    assert.equal(client.connected, true);
    answer = (request) => ({ id: request.id, ok: true, result: { rtpCapabilities: {} } });
    assert.deepEqual(await client.request('media.routerCapabilities', {}), { rtpCapabilities: {} });
    client.close();
  });

  it('keeps retrying while the engine is down and counts the attempts', async () => {
    const client = new EngineClient({
      url: 'ws://127.0.0.1:1/ws',
      createSocket: (u) => new WsClient(u) as unknown as WebSocket,
      retryDelayMs: () => 10,
    });
    const attempts: number[] = [];
    const third = new Promise<void>((resolve) =>
      client.on('reconnecting', (attempt) => {
        attempts.push(attempt);
        if (attempts.length === 3) resolve();
      }),
    );
    client.start();
    await third;
    client.close();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.equal(client.getStatus().connected, false);
  });
});
