// One even/odd pair of UDP ports (RTP, RTCP) shared by every UDP session of the simulator: clients
// tell streams apart by their own ports and the SSRC, so a pair per session would only cost sockets.
import { type Socket, createSocket } from 'node:dgram';
import { createLogger } from '../../common/logger.js';

const log = createLogger('sim:udp');

export interface UdpPair {
  rtp: Socket;
  rtcp: Socket;
  rtpPort: number;
  rtcpPort: number;
  close(): void;
}

function bind(host: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', () => {
      socket.close();
      resolve(undefined);
    });
    socket.bind(port, host, () => {
      socket.removeAllListeners('error');
      // A send to a vanished client must never become an uncaught 'error' event.
      socket.on('error', (error) => log.debug(`udp socket error on ${host}:${port}`, error));
      resolve(socket);
    });
  });
}

/** Binds RTP on an even port and RTCP on the next one (RFC 3550 11), retrying on collisions. */
export async function bindUdpPair(host: string, attempts = 20): Promise<UdpPair> {
  for (let i = 0; i < attempts; i += 1) {
    const first = await bind(host, 0);
    if (!first) continue;
    const port = first.address().port;
    const other = await bind(host, port % 2 === 0 ? port + 1 : port - 1);
    if (!other) {
      first.close();
      continue;
    }
    const [rtp, rtcp] = port % 2 === 0 ? [first, other] : [other, first];
    return {
      rtp,
      rtcp,
      rtpPort: rtp.address().port,
      rtcpPort: rtcp.address().port,
      close: () => {
        rtp.close();
        rtcp.close();
      },
    };
  }
  throw new Error(`could not bind an RTP/RTCP port pair on ${host}`);
}
