import { createHash } from 'node:crypto';
import type { TradeEntryRequest } from './TradeEntry.ts';

/**
 * A decision is identified by what was decided, not by when the run happened: the same symbol,
 * side and execution candle give the same key in every run and every process, so a retried run
 * cannot make two entries out of one signal.
 */
type DecisionIdentity = Pick<TradeEntryRequest, 'symbol' | 'side' | 'executionTimeframe' | 'klineTime'>;

export function decisionDigest(request: DecisionIdentity): string {
  const identity = `${request.symbol}|${request.side}|${request.executionTimeframe}|${request.klineTime}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 12);
}

export function decisionKey(request: DecisionIdentity): string {
  return `mtf:${request.symbol}:${decisionDigest(request)}`;
}
