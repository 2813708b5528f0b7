// One receiving WebRTC peer of the capacity bench (werift: ICE, DTLS-SRTP, all in TypeScript):
// it answers an offer, decrypts what arrives and counts each stream's RTP (stream-counter.ts),
// never decoding a frame, so the cores are left to the servers under test. No STUN servers, and
// pairs only between this process's one address (loopback, or the bench's network namespace's:
// BENCH_RECEIVER_ADDRESS) and loopback or that address: nothing leaves this machine.
import dgram from 'node:dgram';
import { syncBuiltinESMExports } from 'node:module';
import { RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import { keepCandidates } from './remote-sdp.js';
import { StreamCounter, type StreamCounts } from './stream-counter.js';

export const RECEIVER_ADDRESS = process.env.BENCH_RECEIVER_ADDRESS ?? '127.0.0.1';
/** Where the servers the receivers answer may be. */
export const reachable = (ip: string): boolean => ip === RECEIVER_ADDRESS || ip.startsWith('127.');
/**
 * A forwarder sends one camera frame to many consumers of one transport back to back: a few
 * hundred packets at once, more than Linux's default 208 KiB socket buffer holds while a
 * JavaScript receiver decrypts the first ones. Browsers ask for large buffers too; werift makes
 * its sockets itself, so every UDP socket this process makes asks for 4 MiB (the kernel caps it
 * at net.core.rmem_max).
 */
const RECEIVE_BUFFER = 4 * 1024 * 1024;
const createSocket = dgram.createSocket;
dgram.createSocket = ((...args: Parameters<typeof dgram.createSocket>) => {
  const socket = createSocket(...args);
  socket.once('listening', () => {
    try {
      socket.setRecvBufferSize(RECEIVE_BUFFER);
    } catch {
      // refused: the default buffer stays, and losses will show it
    }
  });
  return socket;
}) as typeof dgram.createSocket;
// werift's ES module build imports createSocket by name: hand it the wrapper too.
syncBuiltinESMExports();

export class CountingPeer {
  /** One counter per received track, in the order the offer lists them. */
  private readonly counters = new Map<string, StreamCounter>();
  private closed = false;

  /** Answers `offer`; the answer carries every candidate (no trickling), for servers that want it whole. */
  static async answer(offer: string): Promise<{ peer: CountingPeer; answer: string }> {
    const pc = new RTCPeerConnection({
      iceServers: [],
      iceUseIpv6: false,
      iceAdditionalHostAddresses: [RECEIVER_ADDRESS],
      iceInterfaceAddresses: { udp4: RECEIVER_ADDRESS },
      iceFilterCandidatePair: (pair) => pair.localCandidate.host === RECEIVER_ADDRESS && reachable(pair.remoteCandidate.host),
      bundlePolicy: 'max-bundle',
      // Repairs would hide the loss the bench measures; bandwidth estimation has nothing to adapt.
      codecs: { video: [new RTCRtpCodecParameters({ mimeType: 'video/H264', clockRate: 90000, rtcpFeedback: [{ type: 'nack', parameter: 'pli' }] })] },
      debug: { disableSendNack: true },
    });
    const peer = new CountingPeer(pc);
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      await pc.setLocalDescription(await pc.createAnswer());
      await peer.gathered();
      return { peer, answer: keepCandidates(pc.localDescription!.sdp, (ip) => ip === RECEIVER_ADDRESS) };
    } catch (error) {
      await peer.close();
      throw error;
    }
  }

  private constructor(private readonly pc: RTCPeerConnection) {
    pc.onTrack.subscribe((track) => {
      const counter = new StreamCounter();
      this.counters.set(String(this.counters.size), counter);
      track.onReceiveRtp.subscribe((rtp) => counter.onPacket(rtp.header.sequenceNumber, rtp.header.marker, rtp.payload.length));
    });
  }

  private async gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state !== 'complete') return;
        unSubscribe();
        resolve();
      });
    });
  }

  /** Resolves once ICE and DTLS are up; rejects when they fail or take longer than `timeoutMs`. */
  async connected(timeoutMs: number): Promise<void> {
    if (this.pc.connectionState === 'connected') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        unSubscribe();
        reject(new Error(`WebRTC not connected within ${timeoutMs} ms (${this.pc.connectionState})`));
      }, timeoutMs);
      const { unSubscribe } = this.pc.connectionStateChange.subscribe((state) => {
        if (state !== 'connected' && state !== 'failed' && state !== 'closed') return;
        clearTimeout(timer);
        unSubscribe();
        if (state === 'connected') resolve();
        else reject(new Error(`WebRTC ${state}`));
      });
    });
  }

  /** Every stream's counts so far (a stream that has sent nothing shows zeros). */
  counts(): Record<string, StreamCounts> {
    return Object.fromEntries([...this.counters].map(([mid, c]) => [mid, c.counts]));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pc.close().catch(() => undefined);
  }
}
