import type { Clock } from '../../../platform/clock/index.ts';
import type { Endpoint } from '../endpoint.ts';

/**
 * System endpoints and the spot/account stubs ccxt's `loadMarkets` calls (bitmart-api.md §3.1,
 * §7.4). They answer "OK" in capitals, like BitMart's system and account services.
 */
export function systemEndpoints(clock: Clock): Endpoint[] {
  return [
    // §3.1: server time in ms.
    { method: 'GET', path: '/system/time', auth: 'none', handle: () => ({ server_time: clock.now() }) },
    // The list holds maintenance windows; the simulator never has one.
    { method: 'GET', path: '/system/service', auth: 'none', handle: () => ({ service: [] }) },
    // §7.4: ccxt loads spot currencies and symbols too; the simulator lists no spot market.
    { method: 'GET', path: '/account/v1/currencies', auth: 'none', handle: () => ({ currencies: [] }) },
    { method: 'GET', path: '/spot/v1/symbols/details', auth: 'none', handle: () => ({ symbols: [] }) },
  ];
}
