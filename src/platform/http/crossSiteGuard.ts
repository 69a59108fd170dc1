import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type HostPolicy, isOwnAuthority, type LocalEnd, parseAuthority } from './ownAuthority.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route also reads `application/x-www-form-urlencoded` bodies, as the original's PHP
     * clients post them. Browsers send forms cross-site without asking, so such a request is
     * still refused when it carries a foreign `Origin` or `Sec-Fetch-Site`.
     */
    readonly acceptsFormBody?: boolean;
  }
}

/** Why a request was refused before any route saw it; each server writes it in its own error shape. */
export interface CrossSiteRefusal {
  readonly status: 403 | 415;
  readonly code: 'foreign_host' | 'foreign_origin' | 'cross_site_request' | 'unsupported_media_type';
  readonly message: string;
}

/** Where a server listens and who may name it: the part of its settings the guard reads. */
export interface HttpServerSettings extends Partial<HostPolicy> {
  /** Time allowed to receive a whole request (requestTimeout.ts); default 10 s. */
  readonly requestTimeoutMs?: number;
}

export interface CrossSiteGuardOptions extends HttpServerSettings {
  readonly refuse: (reply: FastifyReply, refusal: CrossSiteRefusal) => FastifyReply;
}

/**
 * Refuses, on every route of `app` (of its encapsulation context), what a web page in the
 * operator's browser could send: a `Host` that is not ours (DNS rebinding), a foreign `Origin`,
 * `Sec-Fetch-Site: cross-site|same-site`, and a body that is not `application/json` (the three
 * content types a page may post without a CORS preflight are text/plain, forms and multipart).
 * Non-browser callers send none of these headers and are not affected. Decision 0013.
 */
export function registerCrossSiteGuard(app: FastifyInstance, options: CrossSiteGuardOptions): void {
  const policy: HostPolicy = { boundHost: options.boundHost ?? '127.0.0.1', allowedHosts: options.allowedHosts ?? [] };
  app.addHook('onRequest', async (request, reply) => {
    const refusal = crossSiteRefusal(request, policy);
    if (refusal) return options.refuse(reply, refusal);
  });
}

/** The first reason to refuse `request`, or undefined. */
export function crossSiteRefusal(request: FastifyRequest, policy: HostPolicy): CrossSiteRefusal | undefined {
  const local: LocalEnd = { localAddress: request.socket.localAddress, localPort: request.socket.localPort };
  const host = request.headers.host ?? '';
  const authority = parseAuthority(host);
  if (!authority || !isOwnAuthority(authority.host, authority.port ?? 80, policy, local)) {
    return refusal(403, 'foreign_host', `Host "${echo(host)}" is not an address of this server`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, policy, local)) {
    return refusal(
      403,
      'foreign_origin',
      `Origin "${echo(origin)}" is not this server: cross-site requests are refused`,
    );
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return refusal(403, 'cross_site_request', `Sec-Fetch-Site "${site}": requests from other sites are refused`);
  }
  if (hasBody(request)) {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const form = request.routeOptions.config.acceptsFormBody === true;
    if (mediaType !== 'application/json' && !(form && mediaType === 'application/x-www-form-urlencoded')) {
      const accepted = form ? 'application/json or application/x-www-form-urlencoded' : 'application/json';
      const sent = mediaType === '' ? 'no Content-Type' : `Content-Type ${echo(mediaType)}`;
      return refusal(415, 'unsupported_media_type', `a body with ${sent}: send it as ${accepted}`);
    }
  }
  return undefined;
}

/** `http(s)://host[:port]` with an own authority; `null` (sandboxed frames, files) is foreign. */
function isOwnOrigin(origin: string, policy: HostPolicy, local: LocalEnd): boolean {
  const match = /^(https?):\/\/([^/]+)$/i.exec(origin.trim());
  if (!match?.[1] || !match[2]) return false;
  const authority = parseAuthority(match[2]);
  if (!authority) return false;
  const defaultPort = match[1].toLowerCase() === 'https' ? 443 : 80;
  return isOwnAuthority(authority.host, authority.port ?? defaultPort, policy, local);
}

/** A body is on its way when it has a length above zero or is chunked. */
function hasBody(request: FastifyRequest): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

function refusal(
  status: CrossSiteRefusal['status'],
  code: CrossSiteRefusal['code'],
  message: string,
): CrossSiteRefusal {
  return { status, code, message };
}

/** Header values are the caller's: echoed short, so an answer never carries a megabyte back. */
function echo(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
