import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Address } from '../config/platformConfig.ts';

/**
 * Resolves port 0 to a free port before a piece starts, because the pieces of a platform must know
 * each other's addresses up front (the worker signs to the app, the app calls the worker).
 */
export async function resolvePort(address: Address): Promise<Address> {
  if (address.port !== 0) return address;
  const probe = createServer();
  probe.listen(0, address.host);
  await once(probe, 'listening');
  const bound = probe.address();
  const port = typeof bound === 'object' && bound ? bound.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return { host: address.host, port };
}
