// The leaf-value XML reading that WS-Discovery and the ONVIF simulator rely on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { soapOperation, xmlBlocks, xmlEscape, xmlText, xmlTexts, xmlUnescape } from '../../../common/xml-text.js';
import { parseProbeMatches } from '../../../main/engine/node/setup/ws-discovery.js';

test('reads leaf text under any namespace prefix, decoding entities', () => {
  const xml = '<s:Envelope><s:Body><tds:GetProfiles xmlns:tds="x"/><a:Uri>rtsp://h/a?x=1&amp;y=&#50;</a:Uri><Uri attr="1"> b </Uri></s:Body></s:Envelope>';
  assert.deepEqual(xmlTexts(xml, 'Uri'), ['rtsp://h/a?x=1&y=2', 'b']);
  assert.equal(xmlText(xml, 'Missing'), undefined);
  assert.equal(soapOperation(xml), 'GetProfiles');
  assert.equal(soapOperation('<Body>text only</Body>'), undefined);
  assert.deepEqual(xmlBlocks('<d:M><a>1</a></d:M><d:M>2</d:M>', 'M'), ['<a>1</a>', '2']);
  assert.equal(xmlUnescape(xmlEscape(`<a href="x">'&'</a>`)), `<a href="x">'&'</a>`);
  assert.equal(xmlUnescape('&#0; &#x110000; &bogus;'), '&#0; &#x110000; &bogus;');
  assert.throws(() => xmlTexts('<a/>', 'a|b'));
});

test('a ProbeMatches reply yields its devices; others and broken ones yield none', () => {
  const reply = (relatesTo: string, match: string): string =>
    `<s:Envelope><s:Header><a:RelatesTo>${relatesTo}</a:RelatesTo></s:Header><s:Body><d:ProbeMatches>${match}</d:ProbeMatches></s:Body></s:Envelope>`;
  const match =
    '<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:1</a:Address></a:EndpointReference>' +
    '<d:Scopes>onvif://www.onvif.org/name/Gate%20One onvif://www.onvif.org/hardware/IPC_200</d:Scopes>' +
    '<d:XAddrs>ftp://bad http://10.0.0.9/onvif/device_service http://192.168.1.9:8000/onvif/device_service</d:XAddrs></d:ProbeMatch>';
  assert.deepEqual(parseProbeMatches(reply('urn:uuid:probe', match), 'urn:uuid:probe', '192.168.1.9'), [
    {
      urn: 'urn:uuid:1',
      address: '192.168.1.9:8000',
      xaddrs: ['http://10.0.0.9/onvif/device_service', 'http://192.168.1.9:8000/onvif/device_service'],
      name: 'Gate One',
      hardware: 'IPC 200',
    },
  ]);
  assert.deepEqual(parseProbeMatches(reply('urn:uuid:other', match), 'urn:uuid:probe', '10.0.0.9'), []);
  assert.deepEqual(parseProbeMatches(reply('urn:uuid:probe', '<d:ProbeMatch></d:ProbeMatch>'), 'urn:uuid:probe', 'x'), []);
  assert.deepEqual(parseProbeMatches('\u0000garbage<<<', 'urn:uuid:probe', 'x'), []);
  // No XAddrs: the device is known by the address it answered from.
  const bare = '<d:ProbeMatch><a:Address>urn:uuid:2</a:Address></d:ProbeMatch>';
  assert.deepEqual(parseProbeMatches(reply('urn:uuid:probe', bare), 'urn:uuid:probe', '10.0.0.7'), [{ urn: 'urn:uuid:2', address: '10.0.0.7', xaddrs: [] }]);
});
