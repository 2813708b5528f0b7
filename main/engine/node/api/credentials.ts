// What a socket opened with, checked at the upgrade and again whenever the store may have changed:
// a kiosk's or a workstation's key can be revoked while its socket is open, and the socket must not
// outlive it. Each kind of machine key is one row of `machineKeys` (its query parameter, how the
// store verifies it, the principal it opens); a new kind of key is one more row.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EngineContext } from '../engine-context.js';
import type { Principal } from './access.js';

/**
 * A workstation relaying a page names itself and the page's own address in these headers; the site
 * believes the address only once the workstation's key verifies (console-relay.ts sends them).
 */
export const RELAY_HEADERS = {
  workstation: 'x-jharokha-relay-workstation',
  key: 'x-jharokha-relay-key',
  clientAddress: 'x-jharokha-client-address',
} as const;

export interface Credential {
  principal: Principal;
  /** The address failed logins are counted under: the socket's peer, or a verified relay's page. */
  address: string;
  /** False once a key it opened with (its own, or its relay's) no longer verifies: revoked or replaced. */
  stillValid(): boolean;
}

interface MachineKeyKind {
  param: string;
  verify(engine: EngineContext, id: string, key: string): boolean;
  principal(id: string): Principal;
}

const machineKeys: readonly MachineKeyKind[] = [
  { param: 'box', verify: (engine, id, key) => engine.boxes.verifyKey(id, key), principal: (boxId) => ({ kind: 'box', boxId }) },
  {
    param: 'workstation',
    verify: (engine, id, key) => engine.workstations.verifyKey(id, key),
    principal: (workstationId) => ({ kind: 'workstation', workstationId }),
  },
];

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** The credential of an upgrade request, or undefined when a key, the token or a relay's key does not verify. */
export function authenticate(engine: EngineContext, siteToken: string, url: URL, headers: IncomingHttpHeaders, peerAddress: string): Credential | undefined {
  for (const kind of machineKeys) {
    const id = url.searchParams.get(kind.param);
    if (id === null) continue;
    const key = url.searchParams.get('key');
    if (!key || !kind.verify(engine, id, key)) return undefined;
    return { principal: kind.principal(id), address: peerAddress, stillValid: () => kind.verify(engine, id, key) };
  }
  if (!tokenMatches(url.searchParams.get('token'), siteToken)) return undefined;
  const relay = header(headers, RELAY_HEADERS.workstation);
  if (relay === undefined) return { principal: { kind: 'console' }, address: peerAddress, stillValid: () => true };
  // A relayed page: the relay is as trusted as its key, and its pages go when its key does.
  const relayKey = header(headers, RELAY_HEADERS.key) ?? '';
  const relayValid = (): boolean => engine.workstations.verifyKey(relay, relayKey);
  if (!relayValid()) return undefined;
  const address = header(headers, RELAY_HEADERS.clientAddress)?.slice(0, 64) || peerAddress;
  return { principal: { kind: 'console' }, address, stillValid: relayValid };
}
