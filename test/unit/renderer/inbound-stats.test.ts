import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readInboundAudio, readInboundVideo } from '../../../renderer/browser/media/inbound-stats.js';

describe('inbound stats', () => {
  it('reads frames decoded and frame size from the video inbound-rtp entry', () => {
    const report = new Map<string, unknown>([
      ['T01', { type: 'transport', bytesReceived: 10 }],
      ['IA', { type: 'inbound-rtp', kind: 'audio', packetsLost: 3 }],
      ['IV', { type: 'inbound-rtp', kind: 'video', framesDecoded: 120, frameWidth: 640, frameHeight: 360, framesPerSecond: 25 }],
    ]);
    assert.deepEqual(readInboundVideo(report.values()), {
      framesDecoded: 120,
      frameWidth: 640,
      frameHeight: 360,
      framesPerSecond: 25,
      packetsLost: 0,
    });
  });

  it('reports zeros before the first frame and null without an inbound-rtp entry', () => {
    assert.equal(readInboundVideo([{ type: 'candidate-pair' }]), null);
    assert.deepEqual(readInboundVideo([{ type: 'inbound-rtp', mediaType: 'video' }]), {
      framesDecoded: 0,
      frameWidth: 0,
      frameHeight: 0,
      framesPerSecond: 0,
      packetsLost: 0,
    });
  });

  it('reads packets received from the audio inbound-rtp entry', () => {
    const report = new Map<string, unknown>([
      ['IV', { type: 'inbound-rtp', kind: 'video', framesDecoded: 120 }],
      ['IA', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 250, packetsLost: 2 }],
    ]);
    assert.deepEqual(readInboundAudio(report.values()), { packetsReceived: 250, packetsLost: 2 });
    assert.equal(readInboundAudio([{ type: 'inbound-rtp', kind: 'video' }]), null);
  });
});
