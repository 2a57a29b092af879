/**
 * URLs of a session server. Built from a loopback template whose host is then replaced, so the
 * chosen interface address is the only host that can ever appear (the address is checked by
 * parseBindAddress before any server starts).
 */
export function sessionUrl(scheme: 'https' | 'wss', address: string, port: number, pathname = '/'): URL {
  const url = new URL(scheme === 'https' ? 'https://127.0.0.1/' : 'wss://127.0.0.1/');
  url.hostname = address;
  url.port = String(port);
  url.pathname = pathname;
  return url;
}
