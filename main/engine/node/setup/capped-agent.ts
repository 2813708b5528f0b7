// An HTTP agent whose sockets stop reading past a size limit: the ONVIF library buffers a whole
// reply before parsing it, and a broken or hostile device must not fill the engine's memory.
import http from 'node:http';

export const REPLY_TOO_LARGE = 'ERESPONSETOOLARGE';

export class CappedAgent extends http.Agent {
  constructor(private readonly maxBytes: number) {
    super({ keepAlive: false, maxSockets: 2 });
  }

  override createConnection(...args: Parameters<http.Agent['createConnection']>): ReturnType<http.Agent['createConnection']> {
    const socket = super.createConnection(...args);
    let received = 0;
    socket?.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > this.maxBytes) {
        socket.destroy(Object.assign(new Error(`reply larger than ${this.maxBytes} bytes`), { code: REPLY_TOO_LARGE }));
      }
    });
    return socket;
  }
}
