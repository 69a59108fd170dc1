export { createSimulatedVenue, type SimulatedVenue } from './createSimulatedVenue.ts';
export { exchangeErrorOf } from './engineErrors.ts';
export { SimulatedExchange } from './SimulatedExchange.ts';
export { SimulatedMarketStream } from './SimulatedMarketStream.ts';
export { SimulatedUserStream } from './SimulatedUserStream.ts';
