import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WINDOW_CONFIG_CHANNEL } from '../../../main/app/common/window-config.js';
import { exposeWindowConfig, shellSendSync } from '../../../main/app/electron-sandbox/expose-window-config.js';

function preloadWith(reply: unknown) {
  const exposed = new Map<string, unknown>();
  const sent: string[] = [];
  const result = exposeWindowConfig({
    contextBridge: { exposeInMainWorld: (key, api) => exposed.set(key, api) },
    ipcRenderer: {
      sendSync: (channel) => {
        sent.push(channel);
        return reply;
      },
    },
  });
  return { exposed, sent, result };
}

const good = { engineUrl: 'http://127.0.0.1:8080', token: 't0ken', displayId: '2', role: 'wall' };

describe('preload', () => {
  it('exposes exactly engineUrl, token, displayId and role, as one frozen object named jharokha', () => {
    const { exposed, sent } = preloadWith({ ...good, extra: 'dropped?' });
    // A reply with an unknown key is malformed (strict schema): nothing is exposed.
    assert.equal(exposed.size, 0);
    assert.deepEqual(sent, [WINDOW_CONFIG_CHANNEL]);

    const ok = preloadWith(good);
    assert.deepEqual([...ok.exposed.keys()], ['jharokha']);
    const api = ok.exposed.get('jharokha') as Record<string, unknown>;
    assert.deepEqual(Object.keys(api).sort(), ['displayId', 'engineUrl', 'role', 'token']);
    assert.deepEqual(api, good);
    assert.equal(Object.isFrozen(api), true);
    assert.equal(Object.values(api).every((value) => typeof value === 'string'), true, 'no functions, no ipcRenderer');
  });

  it('exposes nothing when main refuses (null) or answers something malformed', () => {
    for (const reply of [null, undefined, 'x', { ...good, role: 'admin' }, { ...good, token: '' }, { ...good, displayId: 'one' }]) {
      const { exposed, result } = preloadWith(reply);
      assert.equal(exposed.size, 0, JSON.stringify(reply));
      assert.equal(result, null);
    }
  });

  it('sends only on shell channels', () => {
    assert.throws(() => shellSendSync({ sendSync: () => null }, 'other-channel'), /not a shell IPC channel/);
  });
});
