// A browser that asks again to connect a transport (its first request timed out on its side) gets
// the first attempt's outcome instead of mediasoup's "connect() already called", on a real worker.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { types } from 'mediasoup';
import { Sfu } from '../../../sfu/index.js';
import { connectOnce } from '../../../sfu/node/connect-once.js';

const dtls = (fingerprint: string): types.DtlsParameters => ({
  role: 'client',
  fingerprints: [{ algorithm: 'sha-256', value: fingerprint }],
});
const FP_A = Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).toUpperCase()).join(':');
const FP_B = Array.from({ length: 32 }, (_, i) => (i + 48).toString(16).toUpperCase()).join(':');

describe('connecting a WebRTC transport again', () => {
  let sfu: Sfu;
  const transports: types.WebRtcTransport[] = [];
  const transport = async (): Promise<types.WebRtcTransport> => {
    const created = await sfu.routers[0]!.createWebRtcTransport({ listenIps: [{ ip: '127.0.0.1' }] });
    transports.push(created);
    return created;
  };

  before(async () => {
    sfu = await Sfu.create({ listenIp: '127.0.0.1', resolveEndpoint: () => undefined as never });
  });

  after(() => {
    for (const t of transports) t.close();
    sfu?.close();
  });

  it('succeeds again, together or later, with the same DTLS parameters; mediasoup alone would refuse', async () => {
    const t = await transport();
    await Promise.all([connectOnce(t, dtls(FP_A)), connectOnce(t, dtls(FP_A))]);
    await connectOnce(t, dtls(FP_A));
    await assert.rejects(t.connect({ dtlsParameters: dtls(FP_A) }), /connect\(\) already called/);
  });

  it('refuses other DTLS parameters on a connected transport with a clear error', async () => {
    const t = await transport();
    await connectOnce(t, dtls(FP_A));
    await assert.rejects(connectOnce(t, dtls(FP_B)), (error: Error & { code?: string }) => error.code === 'InvalidState' && /other DTLS parameters/.test(error.message));
  });
});
