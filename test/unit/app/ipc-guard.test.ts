import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WINDOW_CONFIG_CHANNEL, type WindowConfig } from '../../../main/app/common/window-config.js';
import { isTrustedSender, serveWindowConfig, type IpcEventLike, type SenderFrame } from '../../../main/app/electron-main/ipc-guard.js';

const engine = 'http://127.0.0.1:8080';
const config: WindowConfig = { engineUrl: engine, token: 't0ken', displayId: '1', role: 'console' };

function eventFrom(url: string, options: { subframe?: boolean; gone?: boolean; id?: number } = {}): IpcEventLike {
  const mainFrame: SenderFrame = { url, parent: null };
  const senderFrame = options.gone ? null : options.subframe ? { url, parent: mainFrame } : mainFrame;
  return { sender: { id: options.id ?? 7, mainFrame }, senderFrame };
}

describe('IPC sender checks', () => {
  it('trust only the main frame of a page on the engine origin, on a shell channel', () => {
    assert.equal(isTrustedSender(WINDOW_CONFIG_CHANNEL, eventFrom(`${engine}/console`), engine), true);
    assert.equal(isTrustedSender('other:window-config', eventFrom(`${engine}/console`), engine), false);
    assert.equal(isTrustedSender(WINDOW_CONFIG_CHANNEL, eventFrom(`${engine}/console`, { subframe: true }), engine), false);
    assert.equal(isTrustedSender(WINDOW_CONFIG_CHANNEL, eventFrom(`${engine}/console`, { gone: true }), engine), false);
    assert.equal(isTrustedSender(WINDOW_CONFIG_CHANNEL, eventFrom('https://evil.example/console'), engine), false);
    assert.equal(isTrustedSender(WINDOW_CONFIG_CHANNEL, eventFrom('jharokha://app/unreachable'), engine), false);
    assert.equal(isTrustedSender(WINDOW_CONFIG_CHANNEL, eventFrom(`${engine}/console`), undefined), false);
  });

  it('a frame that is not the sender\'s main frame is refused even when it has no parent', () => {
    const event = eventFrom(`${engine}/console`);
    const impostor = { ...event, senderFrame: { url: `${engine}/console`, parent: null } };
    assert.equal(isTrustedSender(WINDOW_CONFIG_CHANNEL, impostor, engine), false);
  });

  it('answers the window config to its own window only, null to anyone else, and can be removed', () => {
    const listeners = new Map<string, (event: IpcEventLike) => void>();
    const ipcMain = {
      on: (channel: string, listener: (event: IpcEventLike) => void) => listeners.set(channel, listener),
      removeAllListeners: (channel: string) => listeners.delete(channel),
    };
    const undo = serveWindowConfig(ipcMain, (id) => (id === 7 ? config : undefined), () => engine);
    assert.deepEqual([...listeners.keys()], [WINDOW_CONFIG_CHANNEL]);
    const ask = (event: IpcEventLike): unknown => {
      listeners.get(WINDOW_CONFIG_CHANNEL)!(event);
      return event.returnValue;
    };
    assert.deepEqual(ask(eventFrom(`${engine}/console`)), config);
    assert.equal(ask(eventFrom(`${engine}/console`, { id: 8 })), null, 'a web contents that is not a display window');
    assert.equal(ask(eventFrom(`${engine}/console`, { subframe: true })), null);
    assert.equal(ask(eventFrom('https://evil.example/')), null);
    undo();
    assert.equal(listeners.size, 0);
  });
});
