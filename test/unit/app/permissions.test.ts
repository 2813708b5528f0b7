import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCallPage, limitPermissions } from '../../../main/app/electron-main/permissions.js';

const engine = 'http://127.0.0.1:8080';

type RequestHandler = (contents: unknown, permission: string, cb: (ok: boolean) => void, details: object) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: object) => boolean;

function install(origin: () => string | undefined = () => engine) {
  let request: RequestHandler | undefined;
  let check: CheckHandler | undefined;
  let device: (() => boolean) | undefined;
  limitPermissions(
    {
      setPermissionRequestHandler: (h: never) => (request = h),
      setPermissionCheckHandler: (h: never) => (check = h),
      setDevicePermissionHandler: (h: never) => (device = h),
    } as never,
    origin,
  );
  const ask = (permission: string, requestingUrl: string, extra: object = {}): boolean => {
    let granted: boolean | undefined;
    request!({ getURL: () => requestingUrl }, permission, (ok) => (granted = ok), {
      requestingUrl,
      isMainFrame: true,
      mediaTypes: ['video', 'audio'],
      ...extra,
    });
    assert.notEqual(granted, undefined, 'the request handler always answers');
    return granted!;
  };
  const probe = (permission: string, pageUrl: string, extra: object = {}): boolean =>
    check!({ getURL: () => pageUrl }, permission, new URL(pageUrl).origin, { isMainFrame: true, mediaType: 'video', ...extra });
  return { ask, probe, device: () => device!() };
}

describe('permission handlers', () => {
  it('grant camera and microphone to the kiosk page and the console on the engine origin', () => {
    const { ask, probe } = install();
    assert.equal(ask('media', `${engine}/callbox/box-7?key=k`), true);
    assert.equal(ask('media', `${engine}/console`), true);
    assert.equal(ask('media', `${engine}/console`, { mediaTypes: ['audio'] }), true);
    assert.equal(probe('media', `${engine}/callbox/box-7`), true);
    assert.equal(probe('media', `${engine}/console`, { mediaType: 'audio' }), true);
  });

  it('refuse media to wall pages, other origins, subframes and before the engine is known', () => {
    const { ask, probe } = install();
    assert.equal(ask('media', `${engine}/wall/main/1`), false);
    assert.equal(ask('media', 'http://127.0.0.1:9999/console'), false);
    assert.equal(ask('media', 'https://evil.example/callbox/box-7'), false);
    assert.equal(ask('media', `${engine}/console`, { isMainFrame: false }), false);
    assert.equal(ask('media', 'jharokha://app/unreachable'), false);
    assert.equal(probe('media', `${engine}/wall/main/1`), false);
    assert.equal(probe('media', 'https://evil.example/console'), false);
    assert.equal(install(() => undefined).ask('media', `${engine}/console`), false);
  });

  it('refuse every other permission, on any page, asked or checked', () => {
    const { ask, probe, device } = install();
    for (const permission of ['notifications', 'geolocation', 'display-capture', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'midi']) {
      assert.equal(ask(permission, `${engine}/console`), false, permission);
      assert.equal(probe(permission, `${engine}/callbox/box-7`), false, permission);
    }
    assert.equal(device(), false);
  });

  it('match call pages by path on the exact origin', () => {
    assert.equal(isCallPage(`${engine}/callbox/box-1/`, engine), true);
    assert.equal(isCallPage(`${engine}/callbox/box-1/extra`, engine), false);
    assert.equal(isCallPage(`${engine}/consoles`, engine), false);
    assert.equal(isCallPage('http://127.0.0.1:8080.evil.example/console', engine), false);
  });
});
