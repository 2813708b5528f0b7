import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasUrlCredentials, moveUrlCredentials, splitUrlCredentials } from '../../../main/engine/node/store/url-credentials.js';

describe('credentials in camera URLs', () => {
  it('takes userinfo and the makers\' query forms out, leaving the rest exactly as written', () => {
    const cases: [string, ReturnType<typeof splitUrlCredentials>][] = [
      ['rtsp://admin:p%40ss%3A1@10.0.0.5:554/Streaming/101', { url: 'rtsp://10.0.0.5:554/Streaming/101', username: 'admin', password: 'p@ss:1' }],
      ['rtsp://10.0.0.5/cam/realmonitor?channel=1&user=admin&password=x%26y&subtype=0', { url: 'rtsp://10.0.0.5/cam/realmonitor?channel=1&subtype=0', username: 'admin', password: 'x&y' }],
      ['rtsp://10.0.0.5/live?USR=a&PWD=b', { url: 'rtsp://10.0.0.5/live', username: 'a', password: 'b' }],
      ['rtsp://10.0.0.5/h264?username=a&pass=b&a=b%20c', { url: 'rtsp://10.0.0.5/h264?a=b%20c', username: 'a', password: 'b' }],
      ['rtsp://10.0.0.5/live?loginuse=a&loginpas=b#x', { url: 'rtsp://10.0.0.5/live#x', username: 'a', password: 'b' }],
      ['rtsp://[fd00::5]:554/x?passwd=b', { url: 'rtsp://[fd00::5]:554/x', password: 'b' }],
      ['http://u:p@10.0.0.5/onvif/device_service', { url: 'http://10.0.0.5/onvif/device_service', username: 'u', password: 'p' }],
      ['rtsp://10.0.0.5/user@stream?channel=1', { url: 'rtsp://10.0.0.5/user@stream?channel=1' }],
    ];
    for (const [input, expected] of cases) assert.deepEqual(splitUrlCredentials(input), expected, input);
    assert.equal(hasUrlCredentials('rtsp://10.0.0.5/live?channel=1'), false);
    assert.equal(hasUrlCredentials('rtsp://a@10.0.0.5/live'), true);
  });

  it('moves them into the fields, and refuses two places that disagree without showing either value', () => {
    assert.deepEqual(moveUrlCredentials({ mainUrl: 'rtsp://a:b@h/main', subUrl: 'rtsp://h/sub?user=a', username: 'a' }), {
      camera: { mainUrl: 'rtsp://h/main', subUrl: 'rtsp://h/sub', username: 'a', password: 'b' },
    });
    const conflict = moveUrlCredentials({ mainUrl: 'rtsp://a:secret1@h/main', password: 'secret2' });
    assert.ok('conflict' in conflict);
    assert.equal(conflict.conflict, 'main_url and the password column give different passwords: give the credentials once, in the username and password columns');
  });
});
