// "Copy as CSV row" for an ONVIF camera: the text pasted into an inventory must read back, through
// the engine's own CSV parser, as the same values, and never carry credentials.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OnvifProfile } from '../../../common/domain/onvif.js';
import { CAMERA_CSV_COLUMNS } from '../../../common/protocol/setup-http.js';
import { CAMERA_CSV_COLUMNS as ENGINE_COLUMNS, parseCameraInventory } from '../../../main/engine/node/setup/camera-import.js';
import { parseCsv } from '../../../main/engine/node/setup/csv.js';
import { csvField, onvifCsvRow, onvifServiceUrl, slugId } from '../../../renderer/browser/setup/onvif-csv.js';

const main: OnvifProfile = { token: 'Profile_1', name: 'mainStream', encoding: 'H264', streamUri: 'rtsp://10.1.2.3:554/Streaming/Channels/101' };
const sub: OnvifProfile = { token: 'Profile_2', name: 'subStream', encoding: 'H264', streamUri: 'rtsp://10.1.2.3:554/Streaming/Channels/102' };

describe('ONVIF camera as a CSV row', () => {
  it('writes the inventory columns the engine reads', () => {
    assert.deepEqual([...CAMERA_CSV_COLUMNS].sort(), [...ENGINE_COLUMNS].sort());
  });

  it('quotes only what needs quoting, doubling quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('Mall Road, gate 2'), '"Mall Road, gate 2"');
    assert.equal(csvField('the "big" gate'), '"the ""big"" gate"');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
  });

  it('reads back through the engine parser with the URIs in place and no credentials', () => {
    const text = onvifCsvRow({
      address: 'http://10.1.2.3/onvif/device_service',
      device: { name: 'Hikvision, "DS-2CD"', location: 'Mall Road', xaddrs: ['http://10.1.2.3/onvif/device_service'] },
      info: { manufacturer: 'HIKVISION', model: 'DS-2CD2043' },
      main,
      sub,
    });
    const [header, row, ...rest] = [...parseCsv(text)];
    assert.deepEqual(header!.fields, [...CAMERA_CSV_COLUMNS]);
    assert.equal(rest.length, 0);
    const values = Object.fromEntries(CAMERA_CSV_COLUMNS.map((column, i) => [column, row!.fields[i]]));
    assert.deepEqual(values, {
      id: 'hikvision-ds-2cd',
      name: 'Hikvision, "DS-2CD"',
      place: 'Mall Road',
      category: '',
      lat: '',
      lon: '',
      main_url: main.streamUri,
      sub_url: sub.streamUri,
      username: '',
      password: '',
      onvif_url: 'http://10.1.2.3/onvif/device_service',
      transport: 'tcp',
      allow_basic_auth: '',
    });
    // What the installer still has to fill in is all the engine would object to.
    const { errors } = parseCameraInventory(text);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.reason, /category/);
    assert.match(errors[0]!.reason, /missing lat/);
    assert.doesNotMatch(errors[0]!.reason, /main_url|sub_url|onvif_url|id "/);
    const filled = text.replace(',Mall Road,,,,', ',Mall Road,market,26.4658,80.3499,');
    assert.deepEqual(parseCameraInventory(filled).errors, [], 'importable once completed');
  });

  it('names an unnamed device after its model, and leaves the sub stream out when it is the main one', () => {
    const text = onvifCsvRow({ address: '10.1.2.9:8080', info: { manufacturer: 'Dahua', model: 'IPC-HFW' }, main, sub: main });
    const row = [...parseCsv(text)][1]!.fields;
    assert.equal(row[0], 'dahua-ipc-hfw');
    assert.equal(row[1], 'Dahua IPC-HFW');
    assert.equal(row[7], '', 'no sub_url');
    assert.equal(row[10], 'http://10.1.2.9:8080/onvif/device_service');
  });

  it('makes camera ids the engine accepts', () => {
    assert.equal(slugId('Cam #12 — Parade  Gate'), 'cam-12-parade-gate');
    assert.equal(slugId('!!!'), 'camera');
    assert.match(slugId('x'.repeat(80)), /^x{64}$/);
    assert.equal(onvifServiceUrl('10.0.0.5', ['https://10.0.0.5/onvif', 'http://10.0.0.5:80/onvif/device_service']), 'http://10.0.0.5:80/onvif/device_service');
  });
});
