/**
 * Which network address a live session may listen on. A live session serves the analyst's map to
 * partners on the agency LAN; it must never be reachable from the internet. So the server binds
 * to ONE interface address the analyst picked, and only loopback (127.0.0.0/8) or an RFC 1918
 * private address (10/8, 172.16/12, 192.168/16) is accepted. The wildcard 0.0.0.0 (every
 * interface), public, link-local (169.254/16), carrier-grade NAT (100.64/10), multicast and
 * broadcast addresses are refused, and so is any address the machine does not have.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/** How an IPv4 address is reachable. Only 'loopback' and 'private' may host a session. */
export type AddressScope = 'loopback' | 'private' | 'unspecified' | 'link-local' | 'shared' | 'multicast' | 'reserved' | 'public' | 'invalid';

/** One address the analyst can pick in the "Live session" panel. */
export interface BindableInterface {
  /** The operating system's interface name (`lo`, `eth0`, `Wi-Fi`). */
  name: string;
  /** Dotted-quad IPv4 address. */
  address: string;
  scope: 'loopback' | 'private';
}

/** The shape of one entry of Node's `os.networkInterfaces()` (family was a number in Node 18.0-18.3). */
export interface InterfaceAddressInfo {
  address: string;
  family: string | number;
  internal: boolean;
}

/** The four octets of a strict dotted-quad IPv4 address (no leading zeros, 0-255), or null. */
export function parseIPv4(address: string): [number, number, number, number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return null;
  const octets = m.slice(1).map((s) => (s.length > 1 && s.startsWith('0') ? NaN : Number(s)));
  if (octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return null;
  return octets as [number, number, number, number];
}

/** Classifies an IPv4 address (RFC 1122, 1918, 3927, 6598, 5771); anything not special is 'public'. */
export function classifyIPv4(address: string): AddressScope {
  const o = parseIPv4(address);
  if (!o) return 'invalid';
  const [a, b] = o;
  if (o.every((x) => x === 0)) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a === 0 || a >= 240) return 'reserved';
  return 'public';
}

/**
 * The machine's IPv4 addresses a session may bind to, loopback first, from the output of
 * `os.networkInterfaces()`. IPv6 and every address {@link classifyIPv4} does not call loopback or
 * private are left out. Order: loopback, then by interface name and address.
 */
export function listBindableInterfaces(interfaces: Readonly<Record<string, readonly InterfaceAddressInfo[] | undefined>>): BindableInterface[] {
  const out: BindableInterface[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' && info.family !== 4) continue;
      const scope = classifyIPv4(info.address);
      if (scope === 'loopback' || scope === 'private') out.push({ name, address: info.address, scope });
    }
  }
  return out.sort((x, y) =>
    x.scope !== y.scope ? (x.scope === 'loopback' ? -1 : 1) : x.name.localeCompare(y.name) || x.address.localeCompare(y.address),
  );
}

/**
 * Checks the address the analyst picked: it must be loopback or private (see the module comment)
 * AND one of `available` (the machine's own bindable addresses). Errors name the address and why.
 */
export function parseBindAddress(address: string, available: readonly BindableInterface[]): Result<BindableInterface, AppError> {
  const scope = classifyIPv4(address);
  const refuse = (expected: string) => err<AppError>({ kind: 'invalid-argument', name: 'live session address', value: address, expected });
  if (scope === 'invalid') return refuse('a dotted-quad IPv4 address such as 127.0.0.1');
  if (scope === 'unspecified') return refuse('one interface address, not 0.0.0.0 (every interface)');
  if (scope !== 'loopback' && scope !== 'private') {
    return refuse(`a loopback (127.x) or private LAN address (10.x, 172.16-31.x, 192.168.x), not a ${scope} address`);
  }
  const found = available.find((i) => i.address === address);
  if (!found) return refuse(`an address of this machine (${available.map((i) => i.address).join(', ') || 'none found'})`);
  return ok(found);
}
