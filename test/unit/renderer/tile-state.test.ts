import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  idleTile,
  reduceTile,
  tileDetailLine,
  tileHeadline,
  tileModelOf,
  tileStatus,
  tileStatuses,
  type TileAction,
  type TileModel,
} from '../../../renderer/browser/tiles/tile-state.js';

const run = (...actions: TileAction[]): TileModel => actions.reduce(reduceTile, idleTile);

describe('tile state', () => {
  it('an empty tile is idle and an assigned one connects', () => {
    assert.equal(tileStatus(idleTile), 'idle');
    assert.equal(tileStatus(run({ type: 'assign', cameraId: 'cam-1' })), 'connecting');
    assert.equal(tileStatus(run({ type: 'assign', cameraId: 'cam-1' }, { type: 'assign', cameraId: null })), 'idle');
  });

  it('follows the engine state and keeps its detail', () => {
    const model = run({ type: 'assign', cameraId: 'cam-1' }, { type: 'engine-state', state: 'stalled', detail: 'no packets for 3 s' });
    assert.equal(tileStatus(model), 'stalled');
    assert.equal(model.detail, 'no packets for 3 s');
    assert.equal(tileStatus(reduceTile(model, { type: 'engine-state', state: 'live' })), 'live');
    assert.equal(reduceTile(model, { type: 'engine-state', state: 'live' }).detail, null);
  });

  it('a hidden tile is paused whatever the camera does, and shows the camera state when visible again', () => {
    const hidden = run(
      { type: 'assign', cameraId: 'cam-1' },
      { type: 'engine-state', state: 'live' },
      { type: 'visibility', visible: false },
      { type: 'engine-state', state: 'stalled' },
    );
    assert.equal(tileStatus(hidden), 'paused');
    assert.equal(tileStatus(reduceTile(hidden, { type: 'visibility', visible: true })), 'stalled');
  });

  it('visibility that does not change keeps the same model (no re-render)', () => {
    const model = run({ type: 'assign', cameraId: 'cam-1' });
    assert.equal(reduceTile(model, { type: 'visibility', visible: true }), model);
  });

  it('losing the engine turns a live tile back to connecting and says why', () => {
    const model = run({ type: 'assign', cameraId: 'cam-1' }, { type: 'engine-state', state: 'live' }, { type: 'engine-lost', reason: 'engine connection lost' });
    assert.equal(tileStatus(model), 'connecting');
    assert.equal(model.detail, 'engine connection lost');
  });

  it('repeated reconnect failures leave the same model (tiles do not re-render on every attempt)', () => {
    const lost = run({ type: 'assign', cameraId: 'cam-1' }, { type: 'engine-lost', reason: 'engine connection lost' });
    assert.equal(reduceTile(lost, { type: 'engine-lost', reason: 'engine connection lost' }), lost);
  });

  it('maps watch.start failures to the state an operator can act on', () => {
    const fail = (code: Parameters<typeof reduceTile>[1] & { type: 'start-failed' }) => tileStatus(run({ type: 'assign', cameraId: 'c' }, code));
    assert.equal(fail({ type: 'start-failed', code: 'CameraUnauthorized', message: 'bad password' }), 'unauthorized');
    assert.equal(fail({ type: 'start-failed', code: 'CameraUnreachable', message: 'no route' }), 'unreachable');
    assert.equal(fail({ type: 'start-failed', code: 'NotFound', message: 'no camera' }), 'unreachable');
    assert.equal(fail({ type: 'start-failed', code: 'Unsupported', message: 'H.265' }), 'unsupported');
    assert.equal(fail({ type: 'start-failed', code: 'Timeout', message: 'slow' }), 'connecting');
    assert.equal(fail({ type: 'start-failed', code: null, message: '?' }), 'connecting');
  });

  it('a consumer the browser refuses is unsupported; a closed stream is unreachable with the reason', () => {
    assert.equal(tileStatus(run({ type: 'assign', cameraId: 'c' }, { type: 'consume-failed', message: 'no codec' })), 'unsupported');
    const closed = run({ type: 'assign', cameraId: 'c' }, { type: 'closed', reason: 'camera removed' });
    assert.equal(tileStatus(closed), 'unreachable');
    assert.match(closed.detail ?? '', /camera removed/);
  });

  it("a watch's status gives its tile the model of its latest fact and its visibility", () => {
    assert.equal(tileStatus(tileModelOf(null, null)), 'idle');
    assert.equal(tileStatus(tileModelOf('c', null)), 'connecting', 'no watch yet');
    assert.equal(tileStatus(tileModelOf('c', { fact: null, visible: true, catchingUp: false })), 'connecting');
    const stalled = tileModelOf('c', { fact: { type: 'engine-state', state: 'stalled', detail: 'no packets' }, visible: true, catchingUp: false });
    assert.deepEqual(stalled, run({ type: 'assign', cameraId: 'c' }, { type: 'engine-state', state: 'stalled', detail: 'no packets' }));
    const hidden = tileModelOf('c', { fact: { type: 'closed', reason: 'camera removed' }, visible: false, catchingUp: false });
    assert.equal(tileStatus(hidden), 'paused');
    assert.match(hidden.detail ?? '', /camera removed/);
  });

  it('a live stream shown from the fast start says CATCHING UP, never LIVE, until the shared stream takes over', () => {
    const live = { type: 'engine-state', state: 'live' } as const;
    const catching = tileModelOf('c', { fact: live, visible: true, catchingUp: true });
    assert.equal(tileStatus(catching), 'catching-up');
    assert.equal(tileHeadline('catching-up', null), 'CATCHING UP');
    assert.equal(tileStatus(tileModelOf('c', { fact: live, visible: true, catchingUp: false })), 'live');
    assert.equal(tileStatus(tileModelOf('c', { fact: { type: 'engine-state', state: 'stalled' }, visible: true, catchingUp: true })), 'stalled', 'a stall is said as a stall');
    assert.equal(tileStatus(tileModelOf('c', { fact: live, visible: false, catchingUp: true })), 'paused');
  });

  it('every status has explicit words', () => {
    for (const status of tileStatuses) assert.ok(tileHeadline(status, null).length > 0, status);
    assert.equal(tileHeadline('live', null), 'LIVE');
    assert.equal(tileHeadline('stalled', null), 'STALLED — reconnecting');
    assert.equal(tileHeadline('unsupported', 'H.265'), 'UNSUPPORTED: H.265');
    assert.equal(tileDetailLine('unsupported', 'H.265'), null, 'a short codec name is already in the headline');
    const long = 'the browser has no decoder for this codec profile';
    assert.equal(tileHeadline('unsupported', long), 'UNSUPPORTED');
    assert.equal(tileDetailLine('unsupported', long), long);
    assert.equal(tileDetailLine('unreachable', 'connection refused'), 'connection refused');
  });
});
