import type { Clock } from '../../../platform/clock/index.ts';
import type { Endpoint } from '../endpoint.ts';

/**
 * System endpoints and the spot/account stubs ccxt's `loadMarkets` calls (docs/reference/bitmart-wire.md#system-time,
 * #what-clients-depend-on). They answer "OK" in capitals, like BitMart's system and account services.
 */
export function systemEndpoints(clock: Clock): Endpoint[] {
  return [
    // Server time in ms.
    { method: 'GET', path: '/system/time', auth: 'none', handle: () => ({ server_time: clock.now() }) },
    // The list holds maintenance windows; the simulator never has one.
    { method: 'GET', path: '/system/service', auth: 'none', handle: () => ({ service: [] }) },
    // ccxt loads spot currencies and symbols too; the simulator lists no spot market.
    { method: 'GET', path: '/account/v1/currencies', auth: 'none', handle: () => ({ currencies: [] }) },
    { method: 'GET', path: '/spot/v1/symbols/details', auth: 'none', handle: () => ({ symbols: [] }) },
  ];
}
