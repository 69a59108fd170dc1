/**
 * BitMart USDT-M futures V2 wire schemas (docs/reference/bitmart-wire.md: REST and WebSocket): the shapes
 * BitMart sends and accepts, with its snake_case names. Venue objects are loose (extra fields
 * pass), the fields we rely on are typed precisely. Mapping to domain types happens elsewhere.
 */
export * from './account.ts';
export * from './enums.ts';
export * from './envelope.ts';
export * from './orderResponses.ts';
export * from './orders.ts';
export * from './planOrders.ts';
export * from './positions.ts';
export * from './primitives.ts';
export * from './publicContract.ts';
export * from './publicMarket.ts';
export * from './restRegistry.ts';
export * from './wsClientMessages.ts';
export * from './wsPrivatePushes.ts';
export * from './wsPublicPushes.ts';
export * from './wsRegistry.ts';
export * from './wsReplies.ts';
