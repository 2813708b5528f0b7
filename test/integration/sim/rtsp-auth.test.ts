import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CameraSimulator, MEDIA_CLIPS, digestResponse, mediaPath } from '../../../sim/index.js';
import { parseAuthParams } from '../../../sim/node/rtsp-auth.js';
import { RawRtspClient } from './raw-rtsp-client.js';

function digestHeader(challenge: string, password: string, method: string, uri: string): string {
  const p = parseAuthParams(challenge.replace(/^Digest\s+/i, ''));
  const realm = p.get('realm') ?? '';
  const nonce = p.get('nonce') ?? '';
  const qop = p.get('qop') === 'auth' ? { qop: 'auth', nc: '00000001', cnonce: '0a4f113b' } : undefined;
  const response = digestResponse({ username: 'admin', password, realm, nonce, method, uri, ...qop });
  const tail = qop ? `, qop=auth, nc=${qop.nc}, cnonce="${qop.cnonce}"` : '';
  return `Digest username="admin", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}"${tail}`;
}

describe('camera simulator authentication', { concurrency: true }, () => {
  let sim: CameraSimulator;
  const main = mediaPath(MEDIA_CLIPS.sub360Gop2);

  before(async () => {
    sim = await CameraSimulator.create({
      cameras: [
        { id: 'digest', main, auth: { username: 'admin', password: 's3cret' } },
        { id: 'digest-qop', main, auth: { username: 'admin', password: 's3cret', qop: true } },
        { id: 'basic', main, auth: { username: 'admin', password: 's3cret', scheme: 'basic' } },
        { id: 'open', main },
      ],
    });
  });
  after(() => sim.close());

  for (const id of ['digest', 'digest-qop']) {
    it(`${id}: 401 with a nonce, then 200 with the right answer, 401 with a wrong password`, async () => {
      const url = sim.url(id, 'main');
      const client = await RawRtspClient.connect(sim.port);
      const first = await client.request('DESCRIBE', url);
      assert.equal(first.status, 401);
      const challenge = first.headers.get('www-authenticate') ?? '';
      assert.match(challenge, /^Digest realm="[^"]+", nonce="[0-9a-f]+"/);
      assert.equal(challenge.includes('qop="auth"'), id === 'digest-qop');
      const ok = await client.request('DESCRIBE', url, { Authorization: digestHeader(challenge, 's3cret', 'DESCRIBE', url) });
      assert.equal(ok.status, 200);
      assert.match(ok.body, /sprop-parameter-sets=/);
      const wrong = await client.request('DESCRIBE', url, { Authorization: digestHeader(challenge, 'guess', 'DESCRIBE', url) });
      assert.equal(wrong.status, 401);
      // Every method but OPTIONS is protected, and each is hashed with its own method name.
      const setupUrl = `${url}/trackID=1`;
      const t = 'RTP/AVP/TCP;unicast;interleaved=0-1';
      assert.equal((await client.request('SETUP', setupUrl, { Transport: t })).status, 401);
      const auth = digestHeader(challenge, 's3cret', 'SETUP', setupUrl);
      assert.equal((await client.request('SETUP', setupUrl, { Transport: t, Authorization: auth })).status, 200);
      assert.equal((await client.request('OPTIONS', url)).status, 200);
      client.close();
    });
  }

  it('basic: 401 with a Basic challenge, then 200 with the right credentials', async () => {
    const url = sim.url('basic', 'main');
    const client = await RawRtspClient.connect(sim.port);
    const first = await client.request('DESCRIBE', url);
    assert.equal(first.status, 401);
    assert.match(first.headers.get('www-authenticate') ?? '', /^Basic realm=/);
    const good = Buffer.from('admin:s3cret').toString('base64');
    const bad = Buffer.from('admin:nope').toString('base64');
    assert.equal((await client.request('DESCRIBE', url, { Authorization: `Basic ${good}` })).status, 200);
    assert.equal((await client.request('DESCRIBE', url, { Authorization: `Basic ${bad}` })).status, 401);
    client.close();
  });

  it('a camera without auth needs none', async () => {
    const client = await RawRtspClient.connect(sim.port);
    assert.equal((await client.request('DESCRIBE', sim.url('open', 'main'))).status, 200);
    client.close();
  });
});
