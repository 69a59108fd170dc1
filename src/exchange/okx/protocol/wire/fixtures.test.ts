import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  OkxAccountConfigSchema,
  OkxAlgoOrderSchema,
  OkxBalanceSchema,
  OkxBookSchema,
  OkxCandleSchema,
  OkxErrorEnvelopeSchema,
  OkxInstrumentSchema,
  OkxLeverageSchema,
  OkxOrderSchema,
  OkxPlaceOrderResultSchema,
  OkxPositionSchema,
  OkxTickerSchema,
  okxBulkCode,
  okxEnvelope,
  okxWsPush,
} from './index.ts';

// Real payloads recorded from OKX (see ../../fixtures/README.md for their sources).
const DIR = join(import.meta.dirname, '../../fixtures');

function body(name: string): unknown {
  const parsed = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { response?: unknown };
  return parsed.response ?? parsed;
}

const REST: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['rest.public.instruments.SWAP.nautilus.json', OkxInstrumentSchema],
  ['rest.market.books.BTC-USDT-SWAP.ccxt-static.json', OkxBookSchema],
  ['rest.market.candles.BTC-USDT-SWAP-1m.nautilus.json', OkxCandleSchema],
  ['rest.account.config.net_mode.ccxt-static.json', OkxAccountConfigSchema],
  ['rest.account.balance.USDT-isolated.nautilus.json', OkxBalanceSchema],
  ['rest.account.positions.LTC-USDT-SWAP-long-cross.ccxt-static.json', OkxPositionSchema],
  ['rest.account.set-leverage.isolated-long.docs.jkorf.json', OkxLeverageSchema],
  ['rest.trade.orders-pending.ADA-USDT-SWAP-post_only-long.ccxt-static.json', OkxOrderSchema],
  ['rest.trade.order.success.docs.jkorf.json', OkxPlaceOrderResultSchema],
  ['rest.trade.batch-orders.market-with-attached-sl.ccxt-static.json', OkxPlaceOrderResultSchema],
  ['rest.trade.orders-algo-pending.LTC-USDT-SWAP-conditional-sl.ccxt-static.json', OkxAlgoOrderSchema],
];

describe('recorded OKX payloads parse', () => {
  it.each(REST)('%s', (name, schema) => {
    const parsed = okxEnvelope(schema).safeParse(body(name));
    expect(parsed.error).toBeUndefined();
  });

  it('an error envelope without data (50102) and a rejected order with its sCode', () => {
    expect(
      OkxErrorEnvelopeSchema.parse(body('rest.error.50102-timestamp-expired.http401.ccxt-issue-24005.json')).code,
    ).toBe('50102');
    const rejected = body('rest.trade.order.error-51000-posSide.code1.issue-huojichuanqi-ds-4.json') as {
      data: { sCode: string }[];
      code: string;
    };
    expect(rejected.code).toBe('1');
    expect(okxBulkCode(rejected.data)).toBe('1');
    expect(rejected.data[0]!.sCode).toBe('51000');
  });

  it('WS pushes: tickers, positions, account', () => {
    const frame = (name: string) => {
      const parsed = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { frame?: unknown; response?: unknown };
      return parsed.frame ?? parsed.response ?? parsed;
    };
    expect(
      okxWsPush(OkxTickerSchema).safeParse(frame('ws.tickers.BTC-USDT-SWAP.ccxt-pr19076.json')).error,
    ).toBeUndefined();
    expect(
      okxWsPush(OkxPositionSchema).safeParse(frame('ws.positions.XRP-USDT-SWAP-net-cross.ccxt-comment.json')).error,
    ).toBeUndefined();
    expect(okxWsPush(OkxBalanceSchema).safeParse(frame('ws.account.snapshot.ccxt-comment.json')).error).toBeUndefined();
  });
});
