import { createHash } from 'node:crypto';

/**
 * Client order ids of the orders a request gives rise to. BitMart takes 1–32 letters or digits;
 * the request id already is one (the contract's rule), so the first entry order carries it
 * unchanged (the trading-app finds its order by its own id). Later attempts and the closes add a
 * suffix; when the id is too long for it, a hash prefix keeps the result unique and stable.
 */
const MAX_LENGTH = 32;

export function entryClientOrderId(requestId: string, attempt: number): string {
  return attempt <= 1 ? requestId : suffixed(requestId, `r${attempt}`);
}

export function closeClientOrderId(requestId: string, attempt: number): string {
  return suffixed(requestId, `c${attempt}`);
}

function suffixed(requestId: string, suffix: string): string {
  if (requestId.length + suffix.length <= MAX_LENGTH) return `${requestId}${suffix}`;
  const digest = createHash('sha256').update(requestId).digest('hex');
  return `${digest.slice(0, MAX_LENGTH - suffix.length)}${suffix}`;
}
