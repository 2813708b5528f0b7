// The installer's forms are checked with the protocol's own schemas before anything is sent, and
// each problem lands on its field in words; the kiosk address carries the box's key intact.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBoxForm, checkUserForm } from '../../../renderer/browser/setup/form-check.js';
import { kioskAddress } from '../../../renderer/browser/setup/kiosk-address.js';

const box = { id: 'box-parade', name: 'Parade crossing', place: 'Parade', lat: '26.4705', lon: '80.3507', cameraId: '' };

describe('call box form', () => {
  it('turns the typed text into a registration, leaving out an empty camera id', () => {
    assert.deepEqual(checkBoxForm({ ...box, name: '  Parade crossing ' }), {
      ok: true,
      data: { id: 'box-parade', name: 'Parade crossing', place: 'Parade', lat: 26.4705, lon: 80.3507 },
    });
    const withCamera = checkBoxForm({ ...box, cameraId: 'cam-parade-1' });
    assert.equal(withCamera.ok && withCamera.data.cameraId, 'cam-parade-1');
  });

  it('puts each problem on its own field', () => {
    const checked = checkBoxForm({ id: 'Box 1', name: '', place: '', lat: 'north', lon: '', cameraId: '' });
    assert.equal(checked.ok, false);
    assert.deepEqual(!checked.ok && checked.errors, {
      id: 'box ids are lower-case letters, digits and dashes',
      name: 'required',
      lat: 'not a number',
      lon: 'required',
    });
    const far = checkBoxForm({ ...box, lat: '95', lon: '-200' });
    assert.deepEqual(!far.ok && far.errors, { lat: 'at most 90', lon: 'at least -180' });
  });
});

describe('user form', () => {
  it('accepts a user as setup.saveUser takes it (the name lower-cased)', () => {
    assert.deepEqual(checkUserForm({ username: ' Pooja ', displayName: 'Pooja Mishra', role: 'operator', password: 'her own password' }), {
      ok: true,
      data: { username: 'pooja', displayName: 'Pooja Mishra', role: 'operator', password: 'her own password' },
    });
  });

  it('explains a short password, a bad name and an unknown role', () => {
    const checked = checkUserForm({ username: 'x y', displayName: '', role: 'admin', password: 'short' });
    assert.equal(checked.ok, false);
    const errors = !checked.ok ? checked.errors : {};
    assert.equal(errors.username, 'user names are letters, digits, dots, dashes and underscores');
    assert.equal(errors.displayName, 'required');
    assert.match(errors.role ?? '', /operator/);
    assert.equal(errors.password, 'passwords are at least 8 characters');
  });
});

describe('kiosk address', () => {
  it('opens the box page on this engine with its key, escaped', () => {
    assert.equal(kioskAddress('http://10.0.0.5:8080', 'box-parade', 'a+b/c=_-'), 'http://10.0.0.5:8080/callbox/box-parade?key=a%2Bb%2Fc%3D_-');
    assert.equal(kioskAddress('https://iccc.local/', 'box-1', 'k'), 'https://iccc.local/callbox/box-1?key=k');
    const url = new URL(kioskAddress('http://h', 'box-1', 'Zx9_-Qw'));
    assert.equal(url.searchParams.get('key'), 'Zx9_-Qw');
  });
});
