/**
 * Whether a `Host` (or an `Origin`'s host and port) names this server. DNS rebinding points a name
 * the attacker owns at 127.0.0.1: the browser then sends that name as `Host`, which is how it is
 * told apart from a caller that meant us.
 */
export interface HostPolicy {
  /** The host the server was told to bind (`CTRL_ADDR`, `APP_ADDR`, `SIM_ADDR`). */
  readonly boundHost: string;
  /**
   * Names callers use besides loopback and the bound address: a container's service name, a
   * proxy's name, a published port (`localhost:8089` when docker maps 8089 to 8088). `name`
   * matches with any port; `name:port` with that port only.
   */
  readonly allowedHosts: readonly string[];
}

/** The connection the request came in on; both undefined for in-process `inject()` requests. */
export interface LocalEnd {
  readonly localAddress: string | undefined;
  readonly localPort: number | undefined;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** `host[:port]` or `[v6][:port]` → lower-case host without brackets, and the port if given. */
export function parseAuthority(authority: string): { host: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(authority.trim());
  if (!match?.[1]) return undefined;
  const host = match[1].toLowerCase().replace(/^\[|\]$/g, '');
  return { host, port: match[2] === undefined ? undefined : Number(match[2]) };
}

/**
 * True when `host` with `port` (the default port of its scheme when the header named none) is
 * ours: a loopback name, the bound host or the address the connection reached, on the port it
 * reached (any port for in-process requests); or one of `allowedHosts`.
 */
export function isOwnAuthority(host: string, port: number | undefined, policy: HostPolicy, local: LocalEnd): boolean {
  for (const entry of policy.allowedHosts) {
    const allowed = parseAuthority(entry);
    if (allowed?.host === host && (allowed.port === undefined || allowed.port === port)) return true;
  }
  const ownNames = new Set(LOOPBACK_NAMES);
  const bound = policy.boundHost.toLowerCase();
  if (!WILDCARD_HOSTS.has(bound)) ownNames.add(bound);
  // Bound to a wildcard, the connection's own address is the one the caller dialled.
  if (local.localAddress) ownNames.add(local.localAddress.toLowerCase().replace(/^::ffff:/, ''));
  if (!ownNames.has(host)) return false;
  return local.localPort === undefined || port === local.localPort;
}
