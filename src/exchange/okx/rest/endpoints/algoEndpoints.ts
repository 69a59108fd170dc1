import {
  OkxAlgoOrderSchema,
  OkxAlgoResultSchema,
  type OkxCancelAlgoRequest,
  type OkxPlaceAlgoRequest,
} from '../../protocol/wire/index.ts';
import type { OkxRateLimitLane } from '../OkxRateLimiter.ts';
import type { OkxRestClient } from '../OkxRestClient.ts';
import { firstAccepted } from './itemResults.ts';

/**
 * Algo orders (https://www.okx.com/docs-v5/en/#order-book-trading-algo-trading): stand-alone TP/SL
 * (`conditional`, `oco`) and trigger (plan) orders, on their own id space (`algoId`,
 * `algoClOrdId`). When one fires, OKX places a regular order that points back to it.
 */

export async function placeAlgoOrder(client: OkxRestClient, body: OkxPlaceAlgoRequest, lane: OkxRateLimitLane) {
  const rows = await client.post('/api/v5/trade/order-algo', OkxAlgoResultSchema, body, {
    instId: body.instId,
    lane,
    ...(body.algoClOrdId ? { clientOrderId: body.algoClOrdId } : {}),
  });
  return firstAccepted(rows, 'POST /api/v5/trade/order-algo', body.algoClOrdId);
}

/** Up to 10 algo orders of one instrument; the body is an array. */
export async function cancelAlgos(client: OkxRestClient, bodies: readonly OkxCancelAlgoRequest[]) {
  const instId = bodies[0]?.instId;
  const rows = await client.post('/api/v5/trade/cancel-algos', OkxAlgoResultSchema, bodies, instId ? { instId } : {});
  return firstAccepted(rows, 'POST /api/v5/trade/cancel-algos', undefined);
}

/** Pending algo orders of the given types: `conditional,oco` may be combined, `trigger` alone. */
export function getAlgoOrdersPending(client: OkxRestClient, ordType: string, instId?: string) {
  return client.getSigned('/api/v5/trade/orders-algo-pending', OkxAlgoOrderSchema, {
    instType: 'SWAP',
    ordType,
    instId,
  });
}
