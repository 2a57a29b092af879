import { describe, expect, it } from 'vitest';
import { classifyIPv4, listBindableInterfaces, parseBindAddress, parseIPv4 } from '../../../../shared/domain/session/live-address';

const MACHINE = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '::1', family: 'IPv6', internal: true },
  ],
  eth0: [
    { address: '192.168.10.24', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
  ],
  wlan0: [{ address: '203.0.113.7', family: 'IPv4', internal: false }],
  docker0: [{ address: '172.17.0.1', family: 4, internal: false }],
  zt0: [{ address: '169.254.3.4', family: 'IPv4', internal: false }],
};

describe('live session addresses', () => {
  it('classifies IPv4 ranges (RFC 1122, 1918, 3927, 6598)', () => {
    expect(classifyIPv4('127.0.0.1')).toBe('loopback');
    expect(classifyIPv4('127.255.1.2')).toBe('loopback');
    expect(classifyIPv4('10.1.2.3')).toBe('private');
    expect(classifyIPv4('172.16.0.1')).toBe('private');
    expect(classifyIPv4('172.31.255.255')).toBe('private');
    expect(classifyIPv4('172.32.0.1')).toBe('public');
    expect(classifyIPv4('172.15.0.1')).toBe('public');
    expect(classifyIPv4('192.168.0.1')).toBe('private');
    expect(classifyIPv4('192.169.0.1')).toBe('public');
    expect(classifyIPv4('0.0.0.0')).toBe('unspecified');
    expect(classifyIPv4('169.254.1.1')).toBe('link-local');
    expect(classifyIPv4('100.64.0.1')).toBe('shared');
    expect(classifyIPv4('224.0.0.1')).toBe('multicast');
    expect(classifyIPv4('255.255.255.255')).toBe('reserved');
    expect(classifyIPv4('8.8.8.8')).toBe('public');
  });
  it('parses only strict dotted quads', () => {
    expect(parseIPv4('192.168.1.1')).toEqual([192, 168, 1, 1]);
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', 'localhost', ' 1.2.3.4', '1.2.3.-4', '0x7f.0.0.1', '']) expect(parseIPv4(bad), bad).toBeNull();
  });
  it('lists loopback first, then private interfaces; never public, link-local or IPv6', () => {
    expect(listBindableInterfaces(MACHINE)).toEqual([
      { name: 'lo', address: '127.0.0.1', scope: 'loopback' },
      { name: 'docker0', address: '172.17.0.1', scope: 'private' },
      { name: 'eth0', address: '192.168.10.24', scope: 'private' },
    ]);
  });
  it('refuses 0.0.0.0, public and non-local addresses, naming the address', () => {
    const available = listBindableInterfaces(MACHINE);
    expect(parseBindAddress('192.168.10.24', available)).toMatchObject({ ok: true, value: { name: 'eth0' } });
    for (const [address, why] of [
      ['0.0.0.0', /not 0\.0\.0\.0/],
      ['203.0.113.7', /not a public address/],
      ['169.254.3.4', /link-local/],
      ['10.9.9.9', /an address of this machine/],
      ['localhost', /dotted-quad/],
      ['::1', /dotted-quad/],
    ] as const) {
      const r = parseBindAddress(address, available);
      expect(r.ok, address).toBe(false);
      if (!r.ok && r.error.kind === 'invalid-argument') {
        expect(r.error.value).toBe(address);
        expect(r.error.expected).toMatch(why);
      }
    }
  });
  it('property: whatever the interface list, every listed address is accepted and is loopback or private', () => {
    for (let a = 0; a < 256; a += 7) {
      for (let b = 0; b < 256; b += 13) {
        const address = `${a}.${b}.1.2`;
        const listed = listBindableInterfaces({ x: [{ address, family: 'IPv4', internal: false }] });
        const scope = classifyIPv4(address);
        expect(listed.length === 1).toBe(scope === 'loopback' || scope === 'private');
        expect(parseBindAddress(address, listed).ok).toBe(listed.length === 1);
      }
    }
  });
});
