// The installer's page in Debian's Chromium against the demo engine: only an installer gets in;
// a camera CSV is dry-run (bad rows listed, nothing written) then imported; a call box is
// registered and its key, shown once, lets a kiosk connect; a user added here logs in on the
// console; a probe of a demo camera reports what it measured; an ONVIF camera's profiles come back
// as a CSV row without its credentials; a 2x2 wall defined here is stored by the engine and lists
// where each display goes (its page, its displays.json entry), and a bad size shows the engine's refusal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DisplayConfig } from '../../main/app/common/display-config.js';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { OnvifDeviceSimulator } from '../../sim/index.js';
import { TestClient } from '../support/ws-client.js';
import { logIn } from '../support/console-login.js';
import { startDemoWithPage } from './engine-fixture.js';
import type { EngineFile } from '../support/engine-stores.js';

const GOOD_IDS = ['setup-gate-1', 'setup-gate-2', 'setup-gate-3'];
const CSV = [
  'id,name,place,category,lat,lon,main_url',
  'setup-gate-1,Setup Test Gate 1,Civil Lines,market,26.4701,80.3501,rtsp://10.9.0.1/main',
  'setup-gate-2,Setup Test Gate 2,Civil Lines,bank,26.4702,80.3502,rtsp://10.9.0.2/main',
  'setup-gate-bad,Setup Test Bad,Civil Lines,bank,north,80.3503,rtsp://10.9.0.3/main',
  'setup-gate-3,Setup Test Gate 3,Civil Lines,atm,26.4704,80.3504,rtsp://10.9.0.4/main',
  ',Setup Test Nameless,Civil Lines,hospital,26.4705,80.3505,rtsp://10.9.0.5/main',
  '',
].join('\n');
const BOX = { id: 'box-setup-test', name: 'Setup test crossing', place: 'Civil Lines', lat: '26.4706', lon: '80.3506', cameraId: 'setup-gate-1' };
const NEW_USER = { username: 'pooja', displayName: 'Pooja Mishra', password: 'pooja her own password' };

describe('installer page /setup (demo site, real Chromium)', () => {
  let engine: SiteEngine;
  let stored: EngineFile;
  let page: Page;
  let close: (() => Promise<void>) | undefined;
  const clients: TestClient[] = [];
  let boxKey = '';

  const setupUrl = (): string => `${engine.baseUrl}/setup?token=${encodeURIComponent(engine.token)}`;
  const kioskSocket = (key: string): string => `${engine.wsUrl().replace(/\?.*$/, '')}?box=${BOX.id}&key=${encodeURIComponent(key)}`;

  before(async () => {
    ({ engine, stored, page, close } = await startDemoWithPage());
    await page.goto(setupUrl());
  });

  after(async () => {
    for (const client of clients) client.close();
    await close?.();
  });

  it('an operator who logs in is told plainly that the page is for installers', async () => {
    await logIn(page, 'asha', engine.demoPassword('asha'));
    const refusal = page.getByTestId('setup-not-installer');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /This page is for installers/);
    assert.equal(await page.locator('[data-testid^="setup-section-"]').count(), 0, 'no setup sections for an operator');
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
  });

  it('an installer logs in and sees the six sections', async () => {
    assert.match(await page.getByTestId('login-form').innerText(), /Log in to set up the site/);
    await logIn(page, 'neha', engine.demoPassword('neha'));
    for (const section of ['cameras', 'probe', 'onvif', 'boxes', 'users', 'walls']) await page.getByTestId(`setup-section-${section}`).waitFor();
    await page.locator('[data-testid="user-row"][data-username="neha"]').waitFor();
  });

  it('a dry run lists exactly the two bad lines with their reasons and imports nothing', async () => {
    await page.getByTestId('csv-file').setInputFiles({ name: 'cameras.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByTestId('csv-dry-run').click();
    await page.locator('[data-testid="csv-report"][data-dry-run="true"]').waitFor({ timeout: 10_000 });
    const count = async (key: string): Promise<number> => Number(await page.getByTestId(`csv-count-${key}`).getAttribute('data-value'));
    assert.equal(await count('rows'), 5);
    assert.equal(await count('inserted'), 3);
    assert.equal(await count('bad'), 2);
    const rows = await page.getByTestId('csv-error-row').evaluateAll((trs) => trs.map((tr) => ({ line: tr.getAttribute('data-line'), text: tr.textContent ?? '' })));
    assert.deepEqual(
      rows.map((row) => row.line),
      ['4', '6'],
    );
    assert.match(rows[0]!.text, /setup-gate-bad.*lat "north" is not a number/);
    assert.match(rows[1]!.text, /missing id/);
    for (const id of GOOD_IDS) assert.equal(stored.cameras.get(id), undefined, `${id} is not written by a dry run`);
  });

  it('the import writes the three good cameras, which the engine then finds', async () => {
    const importButton = page.getByTestId('csv-import');
    assert.match(await importButton.innerText(), /Import 3 cameras/);
    await importButton.click();
    await page.locator('[data-testid="csv-report"][data-dry-run="false"]').waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('csv-count-inserted').getAttribute('data-value'), '3');
    assert.match(await page.getByTestId('csv-headline').innerText(), /^Imported: 3 added/);
    const found = stored.cameras.search({ text: 'setup test gate', limit: 10 });
    assert.deepEqual(
      found.cameras.map((c) => c.id),
      GOOD_IDS,
    );
  });

  it('registering a box shows its key once, and a kiosk connects with it', async () => {
    for (const [field, value] of Object.entries(BOX)) await page.getByTestId(`box-${field === 'cameraId' ? 'camera' : field}`).fill(value);
    await page.getByTestId('box-register').click();
    const once = page.getByTestId('box-key-once');
    await once.waitFor();
    assert.match(await once.innerText(), /not shown again/);
    boxKey = await page.getByTestId('box-key').inputValue();
    assert.ok(boxKey.length >= 32, 'a long random key');
    assert.equal(await page.getByTestId('box-kiosk-address').inputValue(), `${engine.baseUrl}/callbox/${BOX.id}?key=${encodeURIComponent(boxKey)}`);

    const kiosk = await TestClient.connect(kioskSocket(boxKey));
    clients.push(kiosk);
    const status = await kiosk.request('box.status', {});
    assert.equal(status.ok, true, JSON.stringify(status.error));
    assert.equal(status.result.box.id, BOX.id);

    await page.getByTestId('box-key-dismiss').click();
    await once.waitFor({ state: 'detached' });
    assert.ok(!(await page.content()).includes(boxKey), 'the key is gone from the page');
    const row = page.locator(`[data-testid="box-row"][data-box-id="${BOX.id}"]`);
    assert.equal(await row.getAttribute('data-has-key'), 'true');
  });

  it('a form problem is shown next to its field and nothing is sent', async () => {
    await page.getByTestId('user-username').fill('x y');
    await page.getByTestId('user-password').fill('short');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-password-problem').waitFor();
    assert.match(await page.getByTestId('user-password-problem').innerText(), /at least 8 characters/);
    assert.match(await page.getByTestId('user-username-problem').innerText(), /letters, digits/);
    assert.equal(stored.users.get('x y'), undefined);
  });

  it('a user added here logs in on the console', async () => {
    await page.getByTestId('user-username').fill(NEW_USER.username);
    await page.getByTestId('user-display-name').fill(NEW_USER.displayName);
    await page.getByTestId('user-role').selectOption('operator');
    await page.getByTestId('user-password').fill(NEW_USER.password);
    await page.getByTestId('user-save').click();
    await page.locator(`[data-testid="user-saved"][data-username="${NEW_USER.username}"]`).waitFor();
    await page.locator(`[data-testid="user-row"][data-username="${NEW_USER.username}"]`).waitFor();

    const consolePage = await (await page.context().browser()!.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    consolePage.on('pageerror', (error) => console.error('console page error:', error));
    try {
      await consolePage.goto(engine.consoleUrl());
      await logIn(consolePage, NEW_USER.username, NEW_USER.password);
      assert.equal(await consolePage.getByTestId('operator').getAttribute('data-role'), 'operator');
    } finally {
      await consolePage.context().close();
    }
  });

  it('probing a demo camera shows its progress and what it measured', async () => {
    await page.getByTestId('probe-search').fill('ghantaghar');
    const checkbox = page.getByTestId('probe-camera-atm-sbi-ghantaghar');
    await checkbox.check({ timeout: 5000 });
    await page.getByTestId('probe-start').click();
    await page.locator('[data-testid="probe-progress"][data-phase="finished"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('probe-progress').getAttribute('data-done'), '1');
    const row = page.locator('[data-testid="probe-result-row"][data-camera-id="atm-sbi-ghantaghar"]');
    assert.equal(await row.getAttribute('data-status'), 'ok', await row.innerText());
    assert.match(await row.innerText(), /H264[\s\S]*\d+×\d+/);
  });

  it('an ONVIF camera looked up by address lists its profiles and a CSV row without its credentials', async () => {
    const profile = { encoding: 'H264', fps: 25, bitrateKbps: 2048, govLength: 50 } as const;
    const camera = await OnvifDeviceSimulator.create({
      username: 'admin',
      password: 'onvif cam secret',
      name: 'Gate Cam',
      discovery: false,
      profiles: [
        { ...profile, token: 'main', name: 'mainStream', width: 1920, height: 1080, rtspUrl: 'rtsp://127.0.0.1:8554/gate/main' },
        { ...profile, token: 'sub', name: 'subStream', width: 640, height: 360, rtspUrl: 'rtsp://127.0.0.1:8554/gate/sub' },
      ],
    });
    try {
      await page.getByTestId('onvif-address').fill(camera.address);
      await page.getByTestId('onvif-address-use').click();
      await page.getByTestId('onvif-username').fill('admin');
      await page.getByTestId('onvif-password').fill('not the password');
      await page.getByTestId('onvif-lookup').click();
      await page.getByTestId('onvif-problem').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByTestId('onvif-password').inputValue(), '', 'the password is not kept');

      await page.getByTestId('onvif-username').fill('admin');
      await page.getByTestId('onvif-password').fill('onvif cam secret');
      await page.getByTestId('onvif-lookup').click();
      await page.getByTestId('onvif-profiles').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByTestId('onvif-profile').count(), 2);
      const csv = await page.getByTestId('onvif-csv').inputValue();
      assert.match(csv, /^id,name,place,category,lat,lon,main_url,sub_url,username,password,onvif_url,transport,allow_basic_auth\n/);
      assert.match(csv, /rtsp:\/\/127\.0\.0\.1:8554\/gate\/main,rtsp:\/\/127\.0\.0\.1:8554\/gate\/sub,,,/);
      assert.ok(!(await page.content()).includes('onvif cam secret'), 'no credential anywhere on the page');
    } finally {
      await camera.close();
    }
  });

  it('a wall with 0 columns is refused at the field for the reason the engine gives; a 2x2 wall is stored and lists where its four displays go', async () => {
    const WALL = { id: 'setup-ops', name: 'Setup test wall', columns: '0', rows: '2', width: '1210', height: '680', bezel: '2' };
    for (const [field, value] of Object.entries(WALL)) await page.getByTestId(`wall-${field}`).fill(value);
    await page.getByTestId('wall-save').click();
    await page.getByTestId('wall-form-problem').waitFor();
    assert.match(await page.getByTestId('wall-form-problem').innerText(), /^setup\.saveWall: .*columns: Number must be greater than or equal to 1/);
    const fieldProblem = await page.getByTestId('wall-columns-problem').innerText();
    assert.equal(await page.getByTestId('wall-columns').getAttribute('aria-invalid'), 'true');
    assert.equal(stored.videoWalls.listWalls().find((wall) => wall.id === WALL.id), undefined, 'nothing stored');
    // The same wall sent by hand: the engine refuses it for the reason the form shows.
    const installer = await TestClient.connect(engine.wsUrl());
    clients.push(installer);
    assert.equal((await installer.request('session.login', { username: 'neha', password: engine.demoPassword('neha') })).ok, true);
    const display = { widthMm: 1210, heightMm: 680, bezelMm: 2 };
    const refused = await installer.request('setup.saveWall', { id: WALL.id, name: WALL.name, columns: 0, rows: 2, display });
    assert.equal(refused.error?.code, 'BadRequest');
    assert.equal(refused.error?.message, `setup.saveWall: columns: ${fieldProblem}`);

    await page.getByTestId('wall-columns').fill('2');
    await page.getByTestId('wall-save').click();
    await page.locator(`[data-testid="wall-saved"][data-wall-id="${WALL.id}"]`).waitFor();
    assert.equal(await page.getByTestId('wall-form-problem').count(), 0, 'the refusal is gone');
    const row = page.locator(`[data-testid="wall-row"][data-wall-id="${WALL.id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-grid'), '2x2');
    assert.equal(await row.getByTestId('wall-row-displays').innerText(), '1, 2, 3, 4');
    const saved = { id: WALL.id, name: WALL.name, columns: 2, rows: 2, displays: ['1', '2', '3', '4'], display };
    assert.deepEqual(stored.videoWalls.getWall(WALL.id), saved);
    const listed = await installer.request('walls.list', {});
    assert.deepEqual(listed.result.walls.find((s: { wall: { id: string } }) => s.wall.id === WALL.id)?.wall, saved);

    const mapping = page.locator(`[data-testid="wall-mapping"][data-wall-id="${WALL.id}"]`);
    await mapping.waitFor();
    const displays = await mapping.getByTestId('wall-display').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-display-id'),
        page: tr.querySelector('[data-testid="wall-display-page"]')?.textContent,
        entry: tr.querySelector('[data-testid="wall-display-entry"]')?.textContent ?? '',
      })),
    );
    assert.deepEqual(
      displays.map((d) => [d.id, d.page]),
      ['1', '2', '3', '4'].map((id) => [id, `/wall/${WALL.id}/${id}`]),
    );
    // Each entry, given the Electron id a wall PC logs, is what the shell reads as that display.
    for (const [i, display] of displays.entries()) {
      const entry = display.entry.replace(/^"[^"]*"/, `"${i + 10}"`);
      const config = DisplayConfig.parse(JSON.parse(`{"version":1,"displays":{${entry}}}`));
      assert.deepEqual(config.displays[String(i + 10)], { role: 'wall', wallId: WALL.id, displayId: display.id });
    }
    const file = JSON.parse(await mapping.getByTestId('wall-displays-file').inputValue()) as { displays: Record<string, unknown> };
    assert.equal(Object.keys(file.displays).length, 4);
    assert.ok(!(await mapping.innerHTML()).includes(engine.token), 'no token in what is handed out');

    // A display's key, issued here, is shown once in its page address, and opens that display's socket only.
    const first = mapping.locator('[data-testid="wall-display"][data-display-id="1"]');
    await first.getByTestId('wall-display-issue').click();
    const address = new URL(await first.getByTestId('wall-display-address').inputValue());
    assert.equal(address.pathname, `/wall/${WALL.id}/1`);
    const key = address.searchParams.get('key')!;
    const base = engine.wsUrl().replace(/\?.*/, '');
    const wallSocket = await TestClient.connect(`${base}?wall=${WALL.id}&display=1&key=${encodeURIComponent(key)}`);
    clients.push(wallSocket);
    assert.equal((await wallSocket.request('wall.view', { wallId: WALL.id, displayId: '1' })).ok, true);
    await assert.rejects(TestClient.connect(`${base}?wall=${WALL.id}&display=2&key=${encodeURIComponent(key)}`), /401/);
  });

  it('revoking the box (after a confirm) shuts its kiosk out; disabling the user stops their logins', async () => {
    const row = page.locator(`[data-testid="box-row"][data-box-id="${BOX.id}"]`);
    await row.getByTestId('box-revoke').click();
    await row.getByTestId('box-revoke-confirm').click();
    await page.locator(`[data-testid="box-row"][data-box-id="${BOX.id}"][data-has-key="false"]`).waitFor();
    await assert.rejects(TestClient.connect(kioskSocket(boxKey)), /401/);

    const userRow = page.locator(`[data-testid="user-row"][data-username="${NEW_USER.username}"]`);
    await userRow.getByTestId('user-disable').click();
    await userRow.getByTestId('user-disable-confirm').click();
    await userRow.waitFor({ state: 'detached' });
    await assert.rejects(stored.users.login(NEW_USER.username, NEW_USER.password), /wrong user name or password/);
  });
});
