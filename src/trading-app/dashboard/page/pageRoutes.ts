import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DashboardBundle } from './DashboardBundle.ts';
import { dashboardPage } from './dashboardPage.ts';

/**
 * Nothing but our own origin may load, connect or frame: the controls must not be clickable from a
 * page of another site (the cross-site guard refuses the requests; this refuses the framing).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // lightweight-charts and preact set element styles from script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The URL of a versioned asset is immutable: a new build has a new `v`. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /`: the dashboard (decision 0025). The page is a shell; its client reads the same public
 * JSON API that scripts use (src/trading-app/api/README.md).
 */
export function registerDashboardPage(app: FastifyInstance, bundle: DashboardBundle): void {
  app.get('/', async (_request, reply) => {
    const assets = await bundle.assets();
    return secured(reply)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(dashboardPage(assets));
  });
  app.get('/dashboard/app.js', async (_request, reply) => {
    const { script } = await bundle.assets();
    return secured(reply).type('text/javascript; charset=utf-8').header('cache-control', IMMUTABLE).send(script);
  });
  app.get('/dashboard/app.css', async (_request, reply) => {
    const { styles } = await bundle.assets();
    return secured(reply).type('text/css; charset=utf-8').header('cache-control', IMMUTABLE).send(styles);
  });
}

function secured(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}
