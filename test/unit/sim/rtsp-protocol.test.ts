import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RtspAuthenticator, digestResponse, parseAuthParams } from '../../../sim/node/rtsp-auth.js';
import { LIMITS, RtspRequestReader } from '../../../sim/node/rtsp-message.js';
import { buildSenderReport, fromNtp } from '../../../sim/node/rtcp.js';
import { parseTransport } from '../../../sim/node/transport-header.js';

describe('rtsp request reader', () => {
  it('frames pipelined requests, bodies and interleaved data split across chunks', () => {
    const reader = new RtspRequestReader();
    const wire = Buffer.concat([
      Buffer.from('OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n'),
      Buffer.from([0x24, 1, 0, 2, 7, 7]),
      Buffer.from('SET_PARAMETER rtsp://h/c/main RTSP/1.0\r\nCSeq: 2\r\nContent-Length: 5\r\n\r\nhello'),
    ]);
    const items = [...wire].flatMap((byte) => reader.push(Buffer.from([byte])));
    assert.deepEqual(items.map((i) => i.kind), ['request', 'interleaved', 'request']);
    const last = items[2];
    assert.ok(last?.kind === 'request');
    assert.equal(last.request.body.toString(), 'hello');
    assert.equal(last.request.headers.get('cseq'), '2');
  });

  it('answers a garbled request line without losing the stream, and gives up on oversized headers', () => {
    const reader = new RtspRequestReader();
    const [bad, good] = reader.push(Buffer.from('HELLO\r\nCSeq: 3\r\n\r\nOPTIONS * RTSP/1.0\r\nCSeq: 4\r\n\r\n'));
    assert.deepEqual(bad, { kind: 'bad', reason: 'malformed request line', fatal: false, cseq: '3' });
    assert.equal(good?.kind, 'request');
    const flood = reader.push(Buffer.from(`OPTIONS * RTSP/1.0\r\nX: ${'a'.repeat(LIMITS.headerBlock)}`));
    assert.equal(flood[0]?.kind === 'bad' && flood[0].fatal, true);
  });
});

describe('transport header', () => {
  it('accepts TCP interleaved and UDP client ports, refuses multicast', () => {
    assert.deepEqual(parseTransport('RTP/AVP/TCP;unicast;interleaved=2-3'), { kind: 'tcp', interleaved: [2, 3] });
    assert.deepEqual(parseTransport('RTP/AVP;unicast;client_port=5000-5001'), { kind: 'udp', clientPorts: [5000, 5001] });
    assert.deepEqual(parseTransport('RTP/AVP;multicast, RTP/AVP/TCP;unicast'), { kind: 'tcp' });
    assert.equal(parseTransport('RTP/SAVP;unicast;client_port=1-2'), undefined);
    assert.equal(parseTransport(undefined), undefined);
  });
});

describe('digest auth', () => {
  const auth = { username: 'admin', password: 'pw' };
  const answer = (a: RtspAuthenticator, password: string, qop: boolean): string => {
    const p = parseAuthParams(a.challenge(auth).slice('Digest '.length));
    const base = { username: 'admin', password, realm: p.get('realm') ?? '', nonce: p.get('nonce') ?? '', method: 'DESCRIBE', uri: 'rtsp://x/c/main' };
    const extra = qop ? { qop: 'auth', nc: '00000001', cnonce: 'abc' } : {};
    const response = digestResponse({ ...base, ...extra });
    const qopPart = qop ? ', qop=auth, nc=00000001, cnonce="abc"' : '';
    return `Digest username="admin", realm="${base.realm}", nonce="${base.nonce}", uri="${base.uri}", response="${response}"${qopPart}`;
  };

  it('accepts correct answers with and without qop and denies a wrong password', () => {
    const a = new RtspAuthenticator();
    assert.equal(a.verify(auth, 'DESCRIBE', answer(a, 'pw', false)), 'ok');
    assert.equal(a.verify(auth, 'DESCRIBE', answer(a, 'pw', true)), 'ok');
    assert.equal(a.verify(auth, 'DESCRIBE', answer(a, 'nope', true)), 'denied');
    assert.equal(a.verify(auth, 'SETUP', answer(a, 'pw', false)), 'denied', 'method is part of the hash');
    assert.equal(a.verify(auth, 'DESCRIBE', undefined), 'missing');
    assert.equal(new RtspAuthenticator().verify(auth, 'DESCRIBE', answer(a, 'pw', false)), 'stale', 'another server\'s nonce');
  });
});

describe('rtcp sender report', () => {
  it('carries the wall clock as NTP and the RTP time', () => {
    const sr = buildSenderReport({ ssrc: 7, wallClockMs: 1_700_000_000_123.5, rtpTimestamp: 42, packetCount: 3, octetCount: 9, cname: 'cam' });
    assert.equal(sr[1], 200);
    assert.equal(sr.length % 4, 0);
    assert.ok(Math.abs(fromNtp(sr.readUInt32BE(8), sr.readUInt32BE(12)) - 1_700_000_000_123.5) < 0.001);
    assert.equal(sr.readUInt32BE(16), 42);
    assert.equal(sr[29], 202);
  });
});
