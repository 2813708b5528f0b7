import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamKind } from '../../../common/domain/camera.js';
import {
  emptyTileWatch,
  planSwitch,
  reduceSwitch,
  type SwitchAction,
  type TileWatchState,
} from '../../../renderer/browser/grid/stream-switch.js';

interface FakeWatch {
  cameraId: string;
  stream: StreamKind;
  name: string;
}
const watch = (name: string, stream: StreamKind, cameraId = 'cam-1'): FakeWatch => ({ name, cameraId, stream });

/** Applies actions in order, collecting what was stopped. */
function run(actions: Array<SwitchAction<FakeWatch>>, start: TileWatchState<FakeWatch> = emptyTileWatch) {
  let state = start;
  const stopped: string[] = [];
  for (const action of actions) {
    const step = reduceSwitch(state, action);
    state = step.state;
    stopped.push(...step.stop.map((w) => w.name));
  }
  return { state, stopped };
}

describe('stream switch without a black frame', () => {
  const sub = watch('sub-1', 'sub');
  const main = watch('main-1', 'main');
  const live = run([{ type: 'assign', handle: sub }, { type: 'presented', handle: sub }]).state;

  it('a new camera, a cleared tile or a tile with nothing shown yet is replaced at once', () => {
    assert.equal(planSwitch(emptyTileWatch, 'cam-1', 'sub', true), 'assign');
    assert.equal(planSwitch(live, 'cam-2', 'sub', true), 'assign');
    assert.equal(planSwitch(live, null, 'sub', true), 'assign');
    assert.equal(planSwitch(emptyTileWatch, null, 'sub', true), 'keep');
    const connecting = run([{ type: 'assign', handle: sub }]).state;
    assert.equal(planSwitch(connecting, 'cam-1', 'main', true), 'assign');
    assert.deepEqual(run([{ type: 'assign', handle: main }], connecting).stopped, ['sub-1']);
  });

  it('a shown tile that wants the other stream keeps its picture while the new watch gets ready', () => {
    assert.equal(planSwitch(live, 'cam-1', 'sub', true), 'keep');
    assert.equal(planSwitch(live, 'cam-1', 'main', true), 'prepare');
    const preparing = run([{ type: 'prepare', handle: main }], live);
    assert.deepEqual(preparing.stopped, []);
    assert.equal(preparing.state.active, sub, 'the old stream is still the one shown');
    assert.equal(preparing.state.pending, main);
    assert.equal(planSwitch(preparing.state, 'cam-1', 'main', true), 'keep', 'no second watch while one is pending');
  });

  it('swaps only when the new watch has presented a frame, then stops the old one', () => {
    const preparing = run([{ type: 'prepare', handle: main }], live).state;
    // A frame from the old stream changes nothing.
    assert.equal(run([{ type: 'presented', handle: sub }], preparing).state, preparing);
    const swapped = run([{ type: 'presented', handle: main }], preparing);
    assert.equal(swapped.state.active, main);
    assert.equal(swapped.state.pending, null);
    assert.equal(swapped.state.shown, true);
    assert.deepEqual(swapped.stopped, ['sub-1']);
  });

  it('going back before the swap cancels the pending watch and keeps the old one', () => {
    const preparing = run([{ type: 'prepare', handle: main }], live).state;
    assert.equal(planSwitch(preparing, 'cam-1', 'sub', true), 'cancel');
    const cancelled = run([{ type: 'cancel' }], preparing);
    assert.equal(cancelled.state.active, sub);
    assert.equal(cancelled.state.pending, null);
    assert.deepEqual(cancelled.stopped, ['main-1']);
  });

  it('a hidden tile keeps its stream and drops a pending switch (a paused watch never presents)', () => {
    assert.equal(planSwitch(live, 'cam-1', 'main', false), 'keep');
    const preparing = run([{ type: 'prepare', handle: main }], live).state;
    assert.equal(planSwitch(preparing, 'cam-1', 'main', false), 'cancel');
  });

  it('a switch that never presents gives up, keeps the old picture and is not retried until asked anew', () => {
    const preparing = run([{ type: 'prepare', handle: main }], live).state;
    const failed = run([{ type: 'failed', handle: main }], preparing);
    assert.equal(failed.state.active, sub);
    assert.equal(failed.state.refused, 'main');
    assert.deepEqual(failed.stopped, ['main-1']);
    assert.equal(planSwitch(failed.state, 'cam-1', 'main', true), 'keep');
    // Wanting sub again clears the refusal, so a later wish for main is tried again.
    assert.equal(planSwitch(failed.state, 'cam-1', 'sub', true), 'cancel');
    const cleared = run([{ type: 'cancel' }], failed.state).state;
    assert.equal(planSwitch(cleared, 'cam-1', 'main', true), 'prepare');
    // A late failure of a watch that is no longer pending changes nothing.
    assert.equal(run([{ type: 'failed', handle: main }], cleared).state, cleared);
  });

  it('a camera change in the middle of a switch stops both watches', () => {
    const preparing = run([{ type: 'prepare', handle: main }], live).state;
    const other = watch('other', 'sub', 'cam-2');
    const replaced = run([{ type: 'assign', handle: other }], preparing);
    assert.deepEqual(replaced.stopped.sort(), ['main-1', 'sub-1']);
    assert.deepEqual(replaced.state, { active: other, shown: false, pending: null, refused: null });
  });
});
