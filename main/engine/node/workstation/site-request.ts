// One GET to the site server, over https with the workstation's trusted CAs when the site address
// is https://. Node's global fetch (undici) takes no per-request CA, so this uses node:https.
import http from 'node:http';
import https from 'node:https';
import type { ClientTls } from '../tls-options.js';

export interface SiteGetOptions {
  headers: Record<string, string>;
  tls: ClientTls;
  timeoutMs: number;
  /** Larger answers are refused (a snapshot of 5,000 cameras is a few MB). */
  maxBytes?: number;
}

export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The body of a 2xx answer, parsed as JSON; any other status is an HttpStatusError. */
export function getSiteJson(url: URL, options: SiteGetOptions): Promise<unknown> {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        return reject(new HttpStatusError(status));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy(new Error(`the site's answer is larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(new Error(`the site's answer is not JSON: ${String(error)}`));
        }
      });
      res.on('error', reject);
    };
    const req =
      url.protocol === 'https:'
        ? https.request(url, { method: 'GET', headers: options.headers, ...options.tls }, onResponse)
        : http.request(url, { method: 'GET', headers: options.headers }, onResponse);
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer from the site within ${options.timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end();
  });
}
