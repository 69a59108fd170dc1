import { z } from 'zod';
import { BitmartCodes } from '../../../exchange/bitmart/protocol/codes.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { toWire } from '../../../platform/decimal/index.ts';
import type { SimEngine, SimPosition } from '../../engine/types.ts';
import type { Market } from '../../market/types.ts';
import type { Endpoint } from '../endpoint.ts';
import { BitmartReplyError, unwrap } from '../envelope.ts';
import { decimalParam, parseParams, symbolParam } from '../params.ts';
import {
  assetWire,
  type PositionContext,
  positionRiskWire,
  positionV2Wire,
  positionWire,
} from '../wire/accountWire.ts';
import { maxNotionalValue } from '../wire/marketWire.ts';

/** Account, positions and account settings (docs/reference/bitmart-wire.md#account-endpoints; #submit-leverage). */

const OptionalSymbolQuery = z.object({ symbol: symbolParam.optional() });
const SymbolQuery = z.object({ symbol: symbolParam });
const OpenType = z.enum(['cross', 'isolated']);
const LeverageBody = z.object({ symbol: symbolParam, leverage: decimalParam.optional(), open_type: OpenType });
const PositionModeBody = z.object({ position_mode: z.enum(['hedge_mode', 'one_way_mode']) });

export function accountEndpoints(engine: SimEngine, market: Market, clock: Clock): Endpoint[] {
  const knownSymbol = (symbol: string | undefined): string | undefined => {
    if (symbol !== undefined && !market.contract(symbol)) throw new BitmartReplyError(BitmartCodes.contractNotFound);
    return symbol;
  };
  const context = (position: SimPosition): PositionContext => {
    const spec = market.contract(position.symbol);
    if (!spec) throw new BitmartReplyError(BitmartCodes.contractNotFound);
    return {
      contractSize: spec.contractSize,
      maxNotionalValue: maxNotionalValue(spec, market.lastPrice(spec.symbol)),
      nowMs: clock.now(),
    };
  };
  const positionsOf = (accountId: string, query: unknown): readonly SimPosition[] => {
    const { symbol } = parseParams(OptionalSymbolQuery, query);
    return engine.positions(accountId, knownSymbol(symbol));
  };
  const path = (name: string) => `/contract/private/${name}`;

  return [
    {
      method: 'GET',
      path: path('assets-detail'),
      auth: 'keyed',
      handle: ({ account }) => engine.assets(account.accountId).map(assetWire),
    },
    {
      method: 'GET',
      path: path('position'),
      auth: 'keyed',
      handle: ({ account, query }) =>
        positionsOf(account.accountId, query).map((position) => positionWire(position, context(position))),
    },
    {
      // bitmart-wire.md#positions: without symbol only held rows, with symbol zero-filled rows (the engine's contract).
      method: 'GET',
      path: path('position-v2'),
      auth: 'keyed',
      handle: ({ account, query }) =>
        positionsOf(account.accountId, query).map((position) => positionV2Wire(position, context(position))),
    },
    {
      method: 'GET',
      path: path('position-risk'),
      auth: 'keyed',
      handle: ({ account, query }) =>
        positionsOf(account.accountId, query).map((position) => positionRiskWire(position, context(position))),
    },
    {
      method: 'GET',
      path: path('get-position-mode'),
      auth: 'keyed',
      handle: ({ account }) => ({ position_mode: engine.positionMode(account.accountId) }),
    },
    {
      method: 'GET',
      path: path('trade-fee-rate'),
      auth: 'keyed',
      handle: ({ query }) => {
        const { symbol } = parseParams(SymbolQuery, query);
        const rates = unwrap(engine.feeRates(symbol));
        return { symbol, taker_fee_rate: toWire(rates.taker), maker_fee_rate: toWire(rates.maker) };
      },
    },
    {
      // bitmart-wire.md#submit-leverage → {symbol, leverage, open_type, max_value}; 40040 / 40012 from the engine.
      method: 'POST',
      path: path('submit-leverage'),
      auth: 'signed',
      handle: ({ account, body }) => {
        const request = parseParams(LeverageBody, body);
        const result = unwrap(
          engine.setLeverage(account.accountId, request.symbol, request.open_type, request.leverage),
        );
        return {
          symbol: result.symbol,
          leverage: toWire(result.leverage),
          open_type: result.openType,
          max_value: toWire(result.maxValue),
        };
      },
    },
    {
      // bitmart-wire.md#position-mode: account-wide; 40059 while positions exist (engine).
      method: 'POST',
      path: path('set-position-mode'),
      auth: 'signed',
      handle: ({ account, body }) => {
        const { position_mode } = parseParams(PositionModeBody, body);
        return { position_mode: unwrap(engine.setPositionMode(account.accountId, position_mode)) };
      },
    },
  ];
}
