import { SUPPORTED_TIMEFRAMES } from '../streams/supportedTimeframes.ts';

const KLINE_BODY = '{"symbol":"BTCUSDT","tfs":["1m","5m"]}';

/**
 * `GET /help`: the original's three keys (docs/reference/seed-contracts.md#control-api), listing every route this time,
 * `/subscribe`, `/unsubscribe` and the entry-zone routes included
 * (docs/reference/original-system.md#bug-help-missing-routes).
 */
export function helpDocument(baseUrl: string, tokenRequired: boolean) {
  const auth = tokenRequired ? ' -H "Authorization: Bearer $CTRL_TOKEN"' : '';
  return {
    endpoints: {
      'GET /status': 'Worker status: connections, subscriptions, positions, balance, topic health, outbox',
      'GET /help': 'This help',
      'POST /klines/subscribe': `Subscribe to klines, body ${KLINE_BODY} (tfs may be one string)`,
      'POST /klines/unsubscribe': `Unsubscribe from klines, body ${KLINE_BODY}`,
      'POST /subscribe': 'Same as POST /klines/subscribe (the first version of the worker)',
      'POST /unsubscribe': 'Same as POST /klines/unsubscribe (the first version of the worker)',
      'POST /orders/subscribe': 'Subscribe to order updates (futures/order)',
      'POST /orders/unsubscribe': 'Unsubscribe from order updates',
      'POST /positions/subscribe': 'Subscribe to position updates (futures/position)',
      'POST /positions/unsubscribe': 'Unsubscribe from position updates',
      'POST /balance/subscribe': 'Subscribe to the USDT balance (futures/asset:USDT)',
      'POST /balance/unsubscribe': 'Unsubscribe from the USDT balance',
      'POST /api/place-order':
        'Queue an entry-zone order with optional stop_loss/take_profit; quantity in contracts, or in the base asset with "quantity_unit":"base"; trade management: targets (1 or 2 of {price,fraction}), trailing (break_even | atr_chandelier with atr, atr_k), time_stop_seconds, fallback_end_of_zone; 202 {"ok":true,"order_id":…}',
      'POST /api/monitor-position':
        'Watch an open position with stop_loss/take_profit, body {"id","symbol","order_id" (the opening order)}; 200 {"ok":true,"position_id":…}',
      'POST /api/positions/:positionId/protections':
        'Replace the stop and targets of a position the worker manages (the request id that opened or adopted it), body {"stop_loss":…,"targets":[{"price":…,"fraction":…},{"price":…}]}; new stop placed before the old one comes off; 200 {"ok":true,"submitted":[…],"cancelled":[…]}',
      'POST /api/positions/:symbol/close':
        'Close every position of the symbol at market with reduce-only orders (a managed one through its SL/TP monitor, reason manual), body {"id":…} the idempotency key; 200 {"ok":true,"closes":[…]}, 404 none open',
      'POST /api/orders/:orderId/cancel':
        'Cancel an open order or waiting trigger, body {"symbol":…}; an entry order ends its request; a stop or target of a managed position is refused (409)',
      'GET /api/orders/status': 'Orders waiting for their entry zone and positions under SL/TP watch',
      'POST /stop': 'Stop the worker: flush the outbox, close the sockets, exit',
    },
    supported_timeframes: [...SUPPORTED_TIMEFRAMES],
    example_requests: [
      `curl${auth} ${baseUrl}/status`,
      `curl${auth} -X POST ${baseUrl}/klines/subscribe -H "Content-Type: application/json" -d '${KLINE_BODY}'`,
      `curl${auth} -X POST ${baseUrl}/klines/unsubscribe -H "Content-Type: application/json" -d '{"symbol":"BTCUSDT","tfs":"1m"}'`,
      `curl${auth} -X POST ${baseUrl}/orders/subscribe`,
      `curl${auth} -X POST ${baseUrl}/balance/subscribe`,
      `curl${auth} -X POST ${baseUrl}/api/place-order -H "Content-Type: application/json" -d '{"id":"test123","symbol":"BTCUSDT","side":"long","entry_zone_min":65000,"entry_zone_max":65500,"quantity":1}'`,
      `curl${auth} ${baseUrl}/api/orders/status`,
    ],
  };
}
