// Seeded fuzzing of everything a camera controls: RTSP responses, interleaved frames and SDP.
// Nothing may throw past its boundary, buffers stay bounded, and every failure is a typed error.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { RtspClient } from '../../../sfu/node/rtsp/client.js';
import { RtspError } from '../../../sfu/node/rtsp/errors.js';
import { defaultParserLimits, RtspMessageParser } from '../../../sfu/node/rtsp/message-parser.js';
import { parseSdp } from '../../../sfu/node/rtsp/sdp.js';
import { h264Sdp, h265Sdp } from '../../support/scripted-rtsp-server.js';
import { CameraStream } from '../../support/h264.js';

/** mulberry32: small, fast and reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Fuzzer {
  constructor(readonly random: () => number) {}
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }
  mutate(input: Buffer): Buffer {
    let data = Buffer.from(input);
    const rounds = 1 + this.int(4);
    for (let r = 0; r < rounds; r++) {
      const at = this.int(data.length + 1);
      switch (this.int(7)) {
        case 0: // flip bytes
          for (let i = 0; i < 1 + this.int(8) && data.length; i++) data[this.int(data.length)] = this.int(256);
          break;
        case 1: // truncate
          data = data.subarray(0, at);
          break;
        case 2: // insert random bytes
          data = Buffer.concat([data.subarray(0, at), this.bytes(this.int(64)), data.subarray(at)]);
          break;
        case 3: // duplicate a slice
          data = Buffer.concat([data.subarray(0, at), data.subarray(this.int(data.length + 1)), data.subarray(at)]);
          break;
        case 4: // a frame that declares more than it carries
          data = Buffer.concat([data.subarray(0, at), Buffer.from([0x24, this.int(256), 0xff, this.int(256)]), this.bytes(this.int(100)), data.subarray(at)]);
          break;
        case 5: // a hostile Content-Length
          data = Buffer.from(
            data.toString('latin1').replace(/Content-Length: \d+/i, `Content-Length: ${this.pick(['99999999999', '-5', 'x', '70000', '0', '65536'])}`),
            'latin1',
          );
          break;
        default: // a huge header line
          data = Buffer.concat([data.subarray(0, at), Buffer.from(`X-Pad: ${'a'.repeat(this.int(20_000))}\r\n`), data.subarray(at)]);
      }
    }
    return data;
  }
}

const seeds = [1, 2, 3, 5, 8, 13, 21, 34];
const stream = new CameraStream({ inBandParameterSets: true, maxPayload: 1400 });
const rtpFrames = Buffer.concat(stream.nextFrame().map((p) => Buffer.concat([Buffer.from([0x24, 0, p.length >> 8, p.length & 0xff]), p])));
const response = (cseq: number, headers: string, body = ''): string =>
  `RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\n${headers}${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`;
const validResponses = (sdp: string): string[] => [
  response(1, 'Public: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER\r\n'),
  response(2, 'Content-Type: application/sdp\r\nContent-Base: rtsp://127.0.0.1/s/\r\n', sdp),
  response(3, 'Session: 1234;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n'),
  response(4, 'Session: 1234\r\n'),
];
const sdps = [h264Sdp(), h264Sdp({ sprop: false }), h265Sdp, h264Sdp({ control: 'rtsp://127.0.0.1/x', sessionControl: '*' })];
const failureStates = new Set(['unreachable', 'unsupported', 'unauthorized']);

describe('fuzz', () => {
  test('the message parser never throws and stays bounded (3,000 streams)', () => {
    const bound = Math.max(4 + 0xffff, defaultParserLimits.maxHeaderBytes + 4 + defaultParserLimits.maxBodyBytes);
    let errors = 0;
    for (const seed of seeds) {
      const fuzz = new Fuzzer(prng(seed));
      for (let i = 0; i < 375; i++) {
        const valid = Buffer.from(validResponses(fuzz.pick(sdps)).join(''));
        const input = fuzz.int(5) === 0 ? fuzz.bytes(fuzz.int(4000)) : fuzz.mutate(Buffer.concat([rtpFrames, valid, rtpFrames]));
        const parser = new RtspMessageParser({ message: () => undefined, interleaved: () => undefined });
        for (let offset = 0; offset < input.length; ) {
          const size = 1 + fuzz.int(3000);
          const error = parser.push(input.subarray(offset, offset + size));
          offset += size;
          assert.ok(parser.bufferedBytes <= bound, `seed ${seed} case ${i}: ${parser.bufferedBytes} bytes buffered`);
          if (error) {
            assert.ok(error instanceof RtspError && error.state === 'unreachable', `seed ${seed} case ${i}`);
            errors++;
            break;
          }
        }
      }
    }
    assert.ok(errors > 100, 'the fuzzer reaches the error paths');
  });

  test('the SDP parser returns a track or throws a typed error (3,000 SDPs)', () => {
    for (const seed of seeds) {
      const fuzz = new Fuzzer(prng(seed * 7919));
      for (let i = 0; i < 375; i++) {
        const text = fuzz.int(6) === 0 ? fuzz.bytes(fuzz.int(500)).toString('latin1') : fuzz.mutate(Buffer.from(fuzz.pick(sdps))).toString('latin1');
        try {
          const { video } = parseSdp(text);
          assert.ok(Number.isInteger(video.payloadType) && video.payloadType >= 0 && video.payloadType < 128);
          assert.ok(video.clockRate > 0);
        } catch (error) {
          assert.ok(error instanceof RtspError, `seed ${seed} case ${i}: ${String(error)}`);
          assert.ok(['SdpParse', 'Unsupported'].includes(error.code), error.code);
        }
      }
    }
  });

  describe('the client against a fuzzing camera', () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    after(() => {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    });

    test('every connect ends in a client or a typed failure (300 sessions)', async () => {
      const fuzz = new Fuzzer(prng(4242));
      let plan: { target: number; sdp: string } = { target: 0, sdp: h264Sdp() };
      const server = net.createServer((socket) => {
        socket.on('error', () => undefined);
        let request = 0;
        let pending = '';
        socket.on('data', (chunk) => {
          pending += chunk.toString('latin1');
          while (pending.includes('\r\n\r\n')) {
            pending = pending.slice(pending.indexOf('\r\n\r\n') + 4);
            const valid = Buffer.from(validResponses(plan.sdp)[request] ?? '');
            if (request === plan.target) {
              // Say something broken, then hang up so the client never waits for a timeout.
              socket.end(fuzz.mutate(Buffer.concat([fuzz.int(2) ? rtpFrames : Buffer.alloc(0), valid])));
              return;
            }
            socket.write(valid);
            request++;
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `rtsp://127.0.0.1:${(server.address() as net.AddressInfo).port}/s`;
      const outcomes = new Map<string, number>();
      for (let i = 0; i < 300; i++) {
        plan = { target: fuzz.int(5), sdp: fuzz.pick(sdps) };
        try {
          const client = await RtspClient.connect({ url, transport: 'tcp', requestTimeoutMs: 2000 });
          assert.ok(client.bufferedBytes <= 0x10003);
          client.close();
          outcomes.set('connected', (outcomes.get('connected') ?? 0) + 1);
        } catch (error) {
          assert.ok(error instanceof RtspError, `case ${i}: ${String(error)}`);
          assert.ok(failureStates.has(error.state), error.state);
          outcomes.set(error.code, (outcomes.get(error.code) ?? 0) + 1);
        }
      }
      await new Promise((resolve) => server.close(resolve));
      assert.deepEqual(uncaught, []);
      assert.ok((outcomes.get('CameraUnreachable') ?? 0) > 50, JSON.stringify([...outcomes]));
    });
  });
});
