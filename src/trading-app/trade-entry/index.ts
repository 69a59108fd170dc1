export { DryRunTradeEntry } from './DryRunTradeEntry.ts';
export { decisionKey } from './decisionKey.ts';
export type { TradeEntry, TradeEntryOutcome, TradeEntryRequest, WouldBePlan } from './TradeEntry.ts';
