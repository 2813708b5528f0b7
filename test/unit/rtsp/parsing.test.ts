// URL, header, auth and SDP parsing for the RTSP client.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Authenticator, parseChallenges } from '../../../sfu/node/rtsp/auth.js';
import { describeBase, resolveControl } from '../../../sfu/node/rtsp/control-url.js';
import { RtspError } from '../../../sfu/node/rtsp/errors.js';
import { parseSession, parseTransport } from '../../../sfu/node/rtsp/headers.js';
import { parseSdp } from '../../../sfu/node/rtsp/sdp.js';
import { maskCredentials, parseRtspUrl } from '../../../sfu/node/rtsp/url.js';
import { PPS, SPROP, SPS } from '../../support/h264.js';

describe('RTSP URLs', () => {
  test('credentials are split off and the port defaults to 554', () => {
    const url = parseRtspUrl('rtsp://admin:p%40ss@10.1.2.3/Streaming/Channels/101');
    assert.deepEqual(url, { host: '10.1.2.3', port: 554, url: 'rtsp://10.1.2.3/Streaming/Channels/101', username: 'admin', password: 'p@ss' });
  });

  test('an unencoded @ in the password and an IPv6 host', () => {
    assert.equal(parseRtspUrl('rtsp://u:a@b@cam:8554/x').password, 'a@b');
    assert.equal(parseRtspUrl('rtsp://[::1]:8554/x').host, '::1');
  });

  test('invalid URLs are typed unreachable errors', () => {
    for (const bad of ['', 'http://cam/x', 'rtsp://', 'not a url']) {
      assert.throws(() => parseRtspUrl(bad), (e) => e instanceof RtspError && e.state === 'unreachable', bad);
    }
  });

  test('masking hides user:pass in any text', () => {
    assert.equal(maskCredentials('failed rtsp://admin:p@ss@10.0.0.1/a, ok'), 'failed rtsp://***@10.0.0.1/a, ok');
    assert.equal(maskCredentials('rtsp://10.0.0.1/a'), 'rtsp://10.0.0.1/a');
  });
});

describe('control URLs', () => {
  test('relative, absolute, star and rooted controls', () => {
    assert.equal(resolveControl('trackID=1', 'rtsp://c/live/'), 'rtsp://c/live/trackID=1');
    assert.equal(resolveControl('trackID=1', 'rtsp://c/live'), 'rtsp://c/live/trackID=1');
    assert.equal(resolveControl('*', 'rtsp://c/live/'), 'rtsp://c/live/');
    assert.equal(resolveControl('', 'rtsp://c/live'), 'rtsp://c/live');
    assert.equal(resolveControl('RTSP://x:y@c:99/v', 'rtsp://c/live'), 'rtsp://c:99/v');
    assert.equal(resolveControl('/abs/track', 'rtsp://c:8554/live'), 'rtsp://c:8554/abs/track');
  });

  test('a control that could smuggle a header line is ignored', () => {
    assert.equal(resolveControl('track\rX-Evil: 1', 'rtsp://c/live'), 'rtsp://c/live');
  });

  test('Content-Base wins over Content-Location; only rtsp URLs count', () => {
    assert.equal(describeBase('rtsp://c/a', 'rtsp://c/b/', 'rtsp://c/c/'), 'rtsp://c/b/');
    assert.equal(describeBase('rtsp://c/a', undefined, 'rtsp://c/c/'), 'rtsp://c/c/');
    assert.equal(describeBase('rtsp://c/a', 'javascript:x', 'relative/'), 'rtsp://c/a');
  });
});

describe('headers', () => {
  test('Session with and without timeout', () => {
    assert.deepEqual(parseSession('12345678;timeout=30'), { id: '12345678', timeoutS: 30 });
    assert.deepEqual(parseSession('abc'), { id: 'abc', timeoutS: 60 });
    assert.equal(parseSession('bad id\r\nX: y'), undefined);
  });

  test('Transport replies', () => {
    assert.deepEqual(parseTransport('RTP/AVP/TCP;unicast;interleaved=2-3'), { tcp: true, interleaved: [2, 3] });
    assert.deepEqual(parseTransport('RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;source=10.0.0.9;ssrc=1'), {
      tcp: false,
      serverPort: [6970, 6971],
      source: '10.0.0.9',
    });
    assert.equal(parseTransport('garbage'), undefined);
  });
});

describe('auth', () => {
  test('Digest with qop=auth matches RFC 2617 §3.5', () => {
    const challenge = parseChallenges([
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    ]);
    assert.ok(challenge);
    const auth = new Authenticator(challenge, { username: 'Mufasa', password: 'Circle Of Life' }, () => '0a4f113b');
    const header = auth.header('GET', '/dir/index.html');
    assert.match(header, /response="6629fae49393a05397450978507c4ef1"/);
    assert.match(header, /nc=00000001/);
    assert.match(auth.header('GET', '/dir/index.html'), /nc=00000002/);
    assert.match(header, /opaque="5ccc069c403ebaf9f0171e9517f40e41"/);
  });

  test('Digest without qop (RFC 2069 form)', () => {
    const challenge = parseChallenges(['Digest realm="cam", nonce="abc"']);
    assert.ok(challenge);
    const header = new Authenticator(challenge, { username: 'u', password: 'p' }).header('DESCRIBE', 'rtsp://c/x');
    // md5(md5("u:cam:p"):abc:md5("DESCRIBE:rtsp://c/x"))
    assert.match(header, /response="[0-9a-f]{32}"/);
    assert.doesNotMatch(header, /qop|nc=/);
  });

  test('Digest is preferred over Basic; stale is read; unknown algorithms are skipped', () => {
    assert.equal(parseChallenges(['Basic realm="x"', 'Digest realm="x", nonce="n", stale=TRUE'])?.stale, true);
    assert.equal(parseChallenges(['Basic realm="x"', 'Digest realm="x", nonce="n"'])?.scheme, 'digest');
    assert.equal(parseChallenges(['Digest realm="x", nonce="n", algorithm=SHA-512-256', 'Basic realm="x"'])?.scheme, 'basic');
    assert.equal(parseChallenges(['Negotiate abc']), undefined);
  });

  test('Basic', () => {
    const challenge = parseChallenges(['Basic realm="x"']);
    assert.ok(challenge);
    assert.equal(new Authenticator(challenge, { username: 'a', password: 'b' }).header('OPTIONS', '*'), 'Basic YTpi');
  });
});

const sdpLines = (...media: string[]): string => ['v=0', 'o=- 0 0 IN IP4 0.0.0.0', 's=x', 't=0 0', 'a=control:*', ...media].join('\r\n');

describe('SDP', () => {
  test('H.264 with sprop-parameter-sets', () => {
    const sdp = parseSdp(
      sdpLines(
        'm=audio 0 RTP/AVP 0',
        'a=control:trackID=2',
        'm=video 0 RTP/AVP 96',
        'a=rtpmap:96 H264/90000',
        `a=fmtp:96 packetization-mode=1; profile-level-id=4D001F; sprop-parameter-sets=${SPROP}`,
        'a=control:trackID=1',
      ),
    );
    assert.equal(sdp.sessionControl, '*');
    assert.equal(sdp.video.codec, 'H264');
    assert.equal(sdp.video.payloadType, 96);
    assert.equal(sdp.video.clockRate, 90000);
    assert.equal(sdp.video.control, 'trackID=1');
    assert.equal(sdp.video.packetizationMode, 1);
    assert.equal(sdp.video.profileLevelId, '4D001F');
    assert.deepEqual(sdp.video.sps, [SPS]);
    assert.deepEqual(sdp.video.pps, [PPS]);
  });

  test('H.264 without parameter sets is valid', () => {
    const sdp = parseSdp(sdpLines('m=video 0 RTP/AVP 97', 'a=rtpmap:97 H264/90000', 'a=control:rtsp://c/track'));
    assert.deepEqual([sdp.video.sps, sdp.video.pps, sdp.video.packetizationMode], [[], [], 0]);
  });

  test('H.265 parameter sets', () => {
    const sdp = parseSdp(
      sdpLines('m=video 0 RTP/AVP 98', 'a=rtpmap:98 H265/90000', 'a=fmtp:98 sprop-vps=QAE=;sprop-sps=QgE=;sprop-pps=RAE='),
    );
    assert.equal(sdp.video.codec, 'H265');
    assert.deepEqual([sdp.video.vps.length, sdp.video.sps.length, sdp.video.pps.length], [1, 1, 1]);
  });

  test('a static payload type without rtpmap (MJPEG)', () => {
    const sdp = parseSdp(sdpLines('m=video 0 RTP/AVP 26'));
    assert.equal(sdp.video.codec, 'other');
    assert.equal(sdp.video.encodingName, 'JPEG');
  });

  test('garbage is a typed SdpParse error', () => {
    for (const bad of ['', 'hello', '\u0000\u0001', 'v=0\r\nm=video 0 RTP/AVP x', 'x'.repeat(70_000)]) {
      assert.throws(() => parseSdp(bad), (e) => e instanceof RtspError && e.code === 'SdpParse', JSON.stringify(bad.slice(0, 20)));
    }
  });

  test('no video track is unsupported', () => {
    assert.throws(() => parseSdp(sdpLines('m=audio 0 RTP/AVP 0')), (e) => e instanceof RtspError && e.state === 'unsupported');
  });

  test('invalid base64 parameter sets are skipped, not fatal', () => {
    const sdp = parseSdp(sdpLines('m=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000', `a=fmtp:96 sprop-parameter-sets=!!!,${PPS.toString('base64')}`));
    assert.deepEqual(sdp.video.pps, [PPS]);
    assert.deepEqual(sdp.video.sps, []);
  });
});
