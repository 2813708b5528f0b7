// How a workstation engine reaches its site server. The key and the site token are secrets: they
// come from files or the environment, never from the command line (where `ps` shows them).
import { z } from 'zod';
import { parseInput } from '../../../../common/errors.js';
import { checkCaPem, isLoopbackHost } from '../tls-options.js';

export const UpstreamOptions = z
  .object({
    /** The site server's base address, e.g. https://10.0.0.5:8443 (http:// only on one machine). */
    siteUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'the site address is http:// or https://'),
    /** This workstation's id and key, as registered on the site (jharokha workstation-add). */
    workstationId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'workstation ids are lower-case letters, digits and dashes'),
    key: z.string().min(32).max(200),
    /** The site's WebSocket token, which this workstation's pages are relayed with while the site is up. */
    siteToken: z.string().min(16).max(200),
    /**
     * PEM text of CA (or self-signed) certificates the site's certificate may chain to, trusted
     * besides the default store (control rooms run their own CA). From `--upstream-ca FILE`.
     */
    ca: z
      .string()
      .refine((pem) => {
        try {
          checkCaPem(pem);
          return true;
        } catch {
          return false;
        }
      }, 'the trusted CA is not a PEM certificate')
      .optional(),
  })
  .refine((o) => o.ca === undefined || o.siteUrl.startsWith('https://'), 'a trusted CA is for an https:// site address only');
export type UpstreamOptions = z.infer<typeof UpstreamOptions>;

export function parseUpstreamOptions(input: unknown): UpstreamOptions {
  return parseInput(UpstreamOptions, input, 'upstream (site server) settings');
}

/** Plain http:// to another machine: the snapshot (camera credentials, password hashes) would cross the network readable. */
export function sentInTheClear(upstream: UpstreamOptions): boolean {
  const url = new URL(upstream.siteUrl);
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}
