// A WebSocket upgrade as a browser sends it, with the Host and Origin headers the test chooses
// (the ws client sets Host from the URL): resolves to the status the engine answers with.
import http from 'node:http';

export function upgradeStatus(port: number, path: string, headers: { host: string; origin?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Host: headers.host,
        ...(headers.origin !== undefined ? { Origin: headers.origin } : {}),
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    request.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.once('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
  });
}
