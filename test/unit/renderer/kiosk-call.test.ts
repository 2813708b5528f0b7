// The kiosk's rules: which alert is "the call", what the screen says, where its key lives, and
// how a refused key is told from an absent engine.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Alert } from '../../../common/domain/alert.js';
import { alertStates } from '../../../common/domain/alert.js';
import { boxKeyStorageKey, kioskSocketUrl, takeBoxKey } from '../../../renderer/browser/kiosk/box-key.js';
import { closeCodeOf, engineAnswers, isRefusalCode } from '../../../renderer/browser/kiosk/connection-check.js';
import {
  activeCallId,
  applyAlert,
  FINISHED_SHOWN_MS,
  noCall,
  pressedKind,
  shownState,
  stateWords,
} from '../../../renderer/browser/kiosk/kiosk-call.js';

let clock = 1_700_000_000_000;
function alert(change: Partial<Alert> = {}): Alert {
  return { id: randomUUID(), boxId: 'box-1', kind: 'emergency', state: 'ringing', raisedAt: clock++, incidentCameras: [], ...change };
}

describe('kiosk call', () => {
  it('idle with no alert; follows the shown alert through its states', () => {
    assert.equal(shownState(noCall, 0), 'idle');
    const raised = alert();
    let call = applyAlert(noCall, raised, 'box-1', 0);
    assert.equal(shownState(call, 0), 'ringing');
    assert.equal(activeCallId(call), null);
    call = applyAlert(call, { ...raised, state: 'answered', operator: 'Asha' }, 'box-1', 1);
    assert.equal(shownState(call, 1), 'answered');
    assert.equal(activeCallId(call), raised.id);
    call = applyAlert(call, { ...raised, state: 'on_hold', operator: 'Asha' }, 'box-1', 2);
    assert.equal(activeCallId(call), raised.id, 'on hold: keep sending');
    call = applyAlert(call, { ...raised, state: 'dropped' }, 'box-1', 3);
    assert.equal(activeCallId(call), null);
  });

  it("ignores other boxes' alerts", () => {
    const mine = applyAlert(noCall, alert(), 'box-1', 0);
    assert.equal(applyAlert(mine, alert({ boxId: 'box-2' }), 'box-1', 0), mine);
  });

  it('an older alert changing does not replace the call in progress; a newer one does', () => {
    const old = alert({ state: 'dropped' });
    const current = alert({ state: 'answered' });
    let call = applyAlert(noCall, current, 'box-1', 0);
    call = applyAlert(call, { ...old, state: 'closed' }, 'box-1', 0);
    assert.equal(call.alert?.id, current.id);
    const newer = alert();
    call = applyAlert(call, newer, 'box-1', 0);
    assert.equal(call.alert?.id, newer.id);
  });

  it('a finished call shows for a while, then the kiosk is idle; a new press takes over', () => {
    const raised = alert({ state: 'answered' });
    let call = applyAlert(noCall, raised, 'box-1', 0);
    call = applyAlert(call, { ...raised, state: 'ended' }, 'box-1', 1_000);
    assert.equal(shownState(call, 1_000 + FINISHED_SHOWN_MS - 1), 'ended');
    // Closing it later does not restart the clock.
    call = applyAlert(call, { ...raised, state: 'closed' }, 'box-1', 20_000);
    assert.equal(shownState(call, 1_000 + FINISHED_SHOWN_MS), 'idle');
    const next = alert();
    assert.equal(shownState(applyAlert(call, next, 'box-1', 60_000), 60_000), 'ringing');
  });

  it('a call already over when the kiosk reconnects is not shown at all', () => {
    const call = applyAlert(noCall, alert({ state: 'closed' }), 'box-1', 5_000, true);
    assert.equal(shownState(call, 5_000), 'idle');
  });

  it('shows the button of the open call pressed; a panic press, sent or not, shows panic', () => {
    assert.equal(pressedKind(noCall, [], 0), null, 'nothing pressed');
    assert.equal(pressedKind(noCall, [{ kind: 'emergency' }], 0), 'emergency', 'pressed offline, still being sent');
    const raised = alert();
    let call = applyAlert(noCall, raised, 'box-1', 0);
    assert.equal(pressedKind(call, [], 0), 'emergency', 'the call is waiting');
    assert.equal(pressedKind(call, [{ kind: 'emergency' }], 0), 'emergency', 'pressed again: still the one call');
    assert.equal(pressedKind(call, [{ kind: 'panic' }], 0), 'panic', 'PANIC on its way to upgrade the call');
    call = applyAlert(call, { ...raised, kind: 'panic' }, 'box-1', 1);
    assert.equal(pressedKind(call, [], 1), 'panic', 'the engine upgraded it');
    call = applyAlert(call, { ...raised, kind: 'panic', state: 'answered', operator: 'Asha' }, 'box-1', 2);
    assert.equal(pressedKind(call, [], 2), 'panic');
    call = applyAlert(call, { ...raised, kind: 'panic', state: 'ended' }, 'box-1', 3);
    assert.equal(pressedKind(call, [], 3), null, 'a finished call is nothing to wait for');
  });

  it('has words in English and Hindi for every state', () => {
    for (const state of [...alertStates, 'idle'] as const) {
      assert.ok(stateWords[state].en.length > 0, state);
      assert.match(stateWords[state].hi, /[\u0900-\u097F]/, `${state} in Devanagari`);
    }
  });
});

describe('kiosk key', () => {
  const place = (href: string, stored = new Map<string, string>()) => {
    const replaced: string[] = [];
    return {
      replaced,
      stored,
      location: { href },
      history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
      localStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
    };
  };

  it('keeps the key from the address in localStorage and strips it from the bar', () => {
    const first = place('http://h:8080/callbox/box-1?key=k3y&x=1');
    assert.equal(takeBoxKey(first, 'box-1'), 'k3y');
    assert.deepEqual(first.replaced, ['http://h:8080/callbox/box-1?x=1']);
    assert.equal(first.stored.get(boxKeyStorageKey('box-1')), 'k3y');
    const restarted = place('http://h:8080/callbox/box-1', first.stored);
    assert.equal(takeBoxKey(restarted, 'box-1'), 'k3y');
    assert.deepEqual(restarted.replaced, []);
    assert.equal(takeBoxKey(place('http://h/callbox/box-2', first.stored), 'box-2'), null);
  });

  it('in the desktop shell takes the key the preload hands a callbox window, and keeps none', () => {
    const shell = { engineUrl: 'http://h:8080', token: 'shell-key', displayId: '3', role: 'callbox' };
    const inShell = { ...place('http://h:8080/callbox/box-1'), jharokha: shell };
    assert.equal(takeBoxKey(inShell, 'box-1'), 'shell-key');
    assert.equal(inShell.stored.size, 0, 'not kept: the preload hands it again after a restart');
    assert.deepEqual(inShell.replaced, []);
    // Not a callbox window's config, or not this origin's: the address and storage rule as in a browser.
    for (const jharokha of [{ ...shell, role: 'wall' }, { ...shell, engineUrl: 'http://elsewhere:8080' }, { ...shell, token: '' }, 'shell-key']) {
      const other = { ...place('http://h:8080/callbox/box-1?key=k3y'), jharokha };
      assert.equal(takeBoxKey(other, 'box-1'), 'k3y', JSON.stringify(jharokha));
    }
  });

  it('connects to /ws with the box and key, no token', () => {
    assert.equal(kioskSocketUrl({ protocol: 'http:', host: 'h:8080' }, 'box-1', 'a&b'), 'ws://h:8080/ws?box=box-1&key=a%26b');
    assert.equal(kioskSocketUrl({ protocol: 'https:', host: 'h' }, 'box-1', 'k'), 'wss://h/ws?box=box-1&key=k');
  });
});

describe('refused connection', () => {
  it('reads close codes out of the client reason', () => {
    assert.equal(closeCodeOf('closed (code 1006)'), 1006);
    assert.equal(closeCodeOf('closed (code 4401: key refused)'), 4401);
    assert.equal(closeCodeOf('cannot open socket: x'), null);
    assert.ok(isRefusalCode(4401));
    assert.ok(!isRefusalCode(1006));
  });

  it('asks the health check: answering means the engine is up and refusing us', async () => {
    assert.equal(await engineAnswers(async () => ({ ok: true }), 'http://h'), true);
    assert.equal(await engineAnswers(async () => ({ ok: false }), 'http://h'), false);
    assert.equal(
      await engineAnswers(async () => {
        throw new TypeError('Failed to fetch');
      }, 'http://h'),
      false,
    );
    const urls: string[] = [];
    await engineAnswers(async (url) => (urls.push(url), { ok: true }), 'http://h:8080');
    assert.deepEqual(urls, ['http://h:8080/healthz']);
  });
});
