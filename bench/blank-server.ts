// A blank page on 127.0.0.1 for viewers that are not Jharokha's own pages (the Janus run):
// a real http:// origin on localhost is a secure context, which about:blank is not guaranteed to be.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startBlankServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>bench viewer</title></head><body></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
