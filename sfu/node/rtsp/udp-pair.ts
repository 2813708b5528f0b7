// An even/odd pair of local UDP ports for RTP and RTCP (RFC 3550 §11: RTP on the even port).
import dgram from 'node:dgram';
import net from 'node:net';
import { unreachable } from './errors.js';

const MAX_ATTEMPTS = 32;

export interface UdpPair {
  rtp: dgram.Socket;
  rtcp: dgram.Socket;
  rtpPort: number;
}

function bind(type: 'udp4' | 'udp6', port: number, address: string | undefined): Promise<dgram.Socket | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket({ type, reuseAddr: false });
    socket.once('error', () => {
      try {
        socket.close();
      } catch {
        // never bound: nothing to close
      }
      resolve(undefined);
    });
    socket.bind(port, address, () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/** Binds RTP on an even port and RTCP on the next one, retrying until both are free. */
export async function bindUdpPair(remoteAddress: string, localAddress?: string): Promise<UdpPair> {
  const type = net.isIPv6(remoteAddress) && !remoteAddress.startsWith('::ffff:') ? 'udp6' : 'udp4';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rtp = await bind(type, 0, localAddress);
    if (!rtp) break;
    const port = rtp.address().port;
    if (port % 2 !== 0 || port >= 65535) {
      rtp.close();
      continue;
    }
    const rtcp = await bind(type, port + 1, localAddress);
    if (rtcp) return { rtp, rtcp, rtpPort: port };
    rtp.close();
  }
  throw unreachable('no free local UDP port pair');
}
