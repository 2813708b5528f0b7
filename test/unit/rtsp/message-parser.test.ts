// The RTSP response reader: incremental, bounded, and demultiplexing `$` frames.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RtspMessageParser, type RtspMessage } from '../../../sfu/node/rtsp/message-parser.js';

function collector(limits = {}) {
  const messages: RtspMessage[] = [];
  const frames: [number, Buffer][] = [];
  const parser = new RtspMessageParser(
    { message: (m) => messages.push(m), interleaved: (c, p) => frames.push([c, Buffer.from(p)]) },
    limits,
  );
  return { parser, messages, frames };
}

const frame = (channel: number, payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from([0x24, channel, payload.length >> 8, payload.length & 0xff]), payload]);

describe('RtspMessageParser', () => {
  const rtp = Buffer.alloc(300, 0x80);
  const stream = Buffer.concat([
    frame(0, rtp),
    Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 4\r\nContent-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n'),
    frame(1, Buffer.alloc(28, 0x81)),
    Buffer.from('\r\n'),
    Buffer.from('RTSP/1.0 401 Unauthorized\r\nCSeq: 5\r\nWWW-Authenticate: Basic realm="a"\r\nWWW-Authenticate: Digest realm="a", nonce="b"\r\n\r\n'),
    frame(0, rtp),
  ]);

  for (const chunkSize of [1, 7, 64, stream.length]) {
    test(`responses and interleaved frames come apart in ${chunkSize}-byte chunks`, () => {
      const { parser, messages, frames } = collector();
      for (let i = 0; i < stream.length; i += chunkSize) assert.equal(parser.push(stream.subarray(i, i + chunkSize)), undefined);
      assert.deepEqual(frames.map(([c, p]) => [c, p.length]), [[0, 300], [1, 28], [0, 300]]);
      assert.deepEqual(messages.map((m) => m.status), [200, 401]);
      assert.equal(messages[0]?.body.toString(), 'v=0\r\n');
      assert.equal(messages[0]?.headers.get('content-type'), 'application/sdp');
      assert.equal(messages[1]?.headers.getAll('www-authenticate').length, 2);
      assert.equal(parser.bufferedBytes, 0);
    });
  }

  test('a request from the server is recognised', () => {
    const { parser, messages } = collector();
    parser.push(Buffer.from('OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n'));
    assert.equal(messages[0]?.method, 'OPTIONS');
  });

  test('oversized headers, bodies and bad lengths poison the parser with a typed error', () => {
    const cases: [string, Buffer][] = [
      ['header too large', Buffer.from(`RTSP/1.0 200 OK\r\nX: ${'a'.repeat(20_000)}`)],
      ['body too large', Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: 99999999\r\n\r\n')],
      ['bad Content-Length', Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n')],
      ['bad start line', Buffer.from('HTTP/1.1 200 OK\r\n\r\n')],
      ['not an RTSP message', Buffer.from('\u0000\u0001garbage')],
    ];
    for (const [why, bytes] of cases) {
      const { parser } = collector();
      const error = parser.push(bytes);
      assert.equal(error?.state, 'unreachable', why);
      assert.match(error?.detail ?? '', new RegExp(why));
      assert.equal(parser.bufferedBytes, 0);
      assert.equal(parser.push(Buffer.from('RTSP/1.0 200 OK\r\n\r\n')), error, 'stays poisoned');
    }
  });

  test('a partial frame with a huge declared length stays bounded', () => {
    const { parser } = collector();
    parser.push(Buffer.from([0x24, 0, 0xff, 0xff]));
    for (let i = 0; i < 100; i++) parser.push(Buffer.alloc(1000));
    assert.ok(parser.bufferedBytes <= 4 + 0xffff);
  });
});
