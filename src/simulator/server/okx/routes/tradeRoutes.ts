import { type OkxCodeInfo, OkxCodes } from '../../../../exchange/okx/protocol/codes.ts';
import { okxInstId } from '../../../../exchange/okx/protocol/instruments.ts';
import { ZERO } from '../../../../platform/decimal/index.ts';
import type { SimOrder } from '../../../engine/types.ts';
import { account, type OkxContext, type OkxEndpoint, type OkxInput, privateRead, privateWrite } from '../endpoint.ts';
import { attachedPresets, clientIds, parseOrder } from '../orderCommands.ts';
import {
  contractOf,
  contractsOf,
  type Fields,
  fieldsOf,
  limitOf,
  millisOf,
  oneOf,
  optionalBool,
  optionalDecimal,
  optionalText,
  priceOf,
  requiredText,
} from '../params.ts';
import { OkxReplyError, paramError, unwrapOkx } from '../replies.ts';
import { fillRow, okxStateOf, orderRow } from '../wire/orderRows.ts';

/** Orders (https://www.okx.com/docs-v5/en/#order-book-trading-trade). */

const DAY_MS = 86_400_000;
/** A batch holds at most 20 orders. */
const MAX_BATCH = 20;

export function tradeEndpoints(ctx: OkxContext): OkxEndpoint[] {
  const { engine, market, clock, state } = ctx;
  const ts = () => String(clock.now());
  /** One item of a write: its refusal goes in `sCode`/`sMsg`, with the ids it named. */
  const item = (echo: Record<string, string>, run: () => Record<string, string>): Record<string, string> => {
    try {
      return { ...echo, ...run(), sCode: '0', sMsg: '' };
    } catch (error) {
      if (!(error instanceof OkxReplyError)) throw error;
      return { ...echo, sCode: error.info.code, sMsg: error.info.message };
    }
  };
  const batch = (body: unknown): Fields[] => {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BATCH) throw paramError('body');
    return body.map(fieldsOf);
  };

  const extrasOf = (accountId: string, order: SimOrder) => {
    const fills = engine.trades(accountId, {
      orderId: order.orderId,
      symbol: order.symbol,
      startMs: 0,
      endMs: clock.now(),
    });
    return {
      tag: state.tagOf(order.orderId),
      attachAlgoClOrdId: state.attachAlgoClOrdIdOf(order.orderId),
      feePaid: fills.reduce((sum, fill) => sum.plus(fill.fee), ZERO),
      pnl: fills.reduce((sum, fill) => sum.plus(fill.realizedPnl), ZERO),
    };
  };
  const row = (accountId: string, order: SimOrder) => orderRow(order, extrasOf(accountId, order));

  /** An order by `ordId` (wins) or the latest with `clOrdId`; `notFound` when there is none. */
  const findOrder = (accountId: string, fields: Fields, notFound: OkxCodeInfo): SimOrder => {
    const contract = contractOf(market, requiredText(fields, 'instId'));
    const ordId = optionalText(fields, 'ordId');
    const clOrdId = optionalText(fields, 'clOrdId');
    if (ordId === undefined && clOrdId === undefined) throw paramError('ordId');
    const known = [
      ...engine.openOrders(accountId, { symbol: contract.symbol }),
      ...engine.orderHistory(accountId, { symbol: contract.symbol, startMs: 0, endMs: clock.now() }),
    ];
    const match = known
      .filter((order) => (ordId !== undefined ? order.orderId === ordId : order.clientOrderId === clOrdId))
      .sort((a, b) => b.createTime - a.createTime)[0];
    if (!match) throw new OkxReplyError(notFound);
    return match;
  };

  const place = (input: OkxInput, fields: Fields): Record<string, string> => {
    const { accountId } = account(input);
    const echo = {
      ordId: '',
      clOrdId: optionalText(fields, 'clOrdId') ?? '',
      tag: optionalText(fields, 'tag') ?? '',
      ts: ts(),
    };
    return item(echo, () => {
      const { clOrdId, tag } = clientIds(fields);
      const order = parseOrder(fields, market, engine.positionMode(accountId));
      if (clOrdId && engine.openOrders(accountId, {}).some((open) => open.clientOrderId === clOrdId)) {
        throw new OkxReplyError(OkxCodes.clOrdIdExists);
      }
      const { attachAlgoClOrdId, ...presets } = attachedPresets(fields, order.contract);
      const result = unwrapOkx(
        engine.submitOrder(accountId, {
          symbol: order.contract.symbol,
          side: order.side,
          type: order.type,
          mode: order.mode,
          size: order.size,
          ...(order.price && { price: order.price }),
          openType: order.openType,
          clientOrderId: clOrdId ?? '',
          ...presets,
          receivedAtMicros: input.receivedAtMicros,
        }),
      );
      state.rememberOrder(result.orderId, tag, attachAlgoClOrdId);
      return { ordId: result.orderId };
    });
  };

  const cancel = (input: OkxInput, fields: Fields): Record<string, string> => {
    const { accountId } = account(input);
    const echo = {
      ordId: optionalText(fields, 'ordId') ?? '',
      clOrdId: optionalText(fields, 'clOrdId') ?? '',
      ts: ts(),
    };
    return item(echo, () => {
      const order = findOrder(accountId, fields, OkxCodes.cancelFailed);
      if (order.state === 4) throw new OkxReplyError(OkxCodes.cancelFailed);
      unwrapOkx(engine.cancelOrder(accountId, { symbol: order.symbol, orderId: order.orderId }), OkxCodes.cancelFailed);
      return { ordId: order.orderId, clOrdId: order.clientOrderId };
    });
  };

  const amend = (input: OkxInput, fields: Fields): Record<string, string> => {
    const { accountId } = account(input);
    const echo = {
      ordId: optionalText(fields, 'ordId') ?? '',
      clOrdId: optionalText(fields, 'clOrdId') ?? '',
      reqId: optionalText(fields, 'reqId') ?? '',
      ts: ts(),
    };
    return item(echo, () => {
      const order = findOrder(accountId, fields, OkxCodes.amendFailed);
      if (order.state === 4) throw new OkxReplyError(OkxCodes.amendFailed);
      const contract = market.contract(order.symbol)!;
      const newPx = priceOf(fields, 'newPx', contract);
      const newSz = optionalDecimal(fields, 'newSz') === undefined ? undefined : contractsOf(fields, 'newSz');
      if (!newPx && newSz === undefined) throw paramError('newSz');
      unwrapOkx(
        engine.modifyLimitOrder(
          accountId,
          { symbol: order.symbol, orderId: order.orderId },
          { ...(newPx && { price: newPx }), ...(newSz !== undefined && { size: newSz }) },
        ),
        OkxCodes.amendFailed,
      );
      return { ordId: order.orderId, clOrdId: order.clientOrderId };
    });
  };

  const listFilter = (fields: Fields) => {
    const instType = optionalText(fields, 'instType');
    if (instType !== undefined && instType !== 'SWAP' && instType !== 'ANY') return { none: true } as const;
    const instId = optionalText(fields, 'instId');
    return { none: false, symbol: instId === undefined ? undefined : contractOf(market, instId).symbol } as const;
  };
  const newestFirst = (orders: readonly SimOrder[]) =>
    [...orders].sort((a, b) => b.createTime - a.createTime || (b.orderId > a.orderId ? 1 : -1));
  const fills = (windowMs: number) => (input: OkxInput) => {
    const { accountId } = account(input);
    const filter = listFilter(input.params);
    if (filter.none) return [];
    const now = clock.now();
    const ordId = optionalText(input.params, 'ordId');
    const list = engine.trades(accountId, {
      ...(filter.symbol && { symbol: filter.symbol }),
      ...(ordId && { orderId: ordId }),
      startMs: millisOf(input.params, 'begin') ?? now - windowMs,
      endMs: millisOf(input.params, 'end') ?? now,
    });
    const mode = engine.positionMode(accountId);
    return [...list]
      .sort((a, b) => b.time - a.time)
      .slice(0, limitOf(input.params, 100, 100))
      .map((fill) => fillRow(fill, undefined, mode, state.tagOf(fill.orderId)));
  };

  return [
    privateWrite('/trade/order', (input) => [place(input, input.params)]),
    privateWrite('/trade/batch-orders', (input) => batch(input.body).map((fields) => place(input, fields))),
    privateWrite('/trade/cancel-order', (input) => [cancel(input, input.params)]),
    privateWrite('/trade/cancel-batch-orders', (input) => batch(input.body).map((fields) => cancel(input, fields))),
    privateWrite('/trade/amend-order', (input) => [amend(input, input.params)]),
    privateWrite('/trade/amend-batch-orders', (input) => batch(input.body).map((fields) => amend(input, fields))),
    privateRead('GET', '/trade/order', (input) => {
      const { accountId } = account(input);
      return [row(accountId, findOrder(accountId, input.params, OkxCodes.orderNotExist))];
    }),
    privateRead('GET', '/trade/orders-pending', (input) => {
      const { accountId } = account(input);
      const filter = listFilter(input.params);
      if (filter.none) return [];
      const ordType = optionalText(input.params, 'ordType');
      const wanted = oneOf(input.params, 'state', ['live', 'partially_filled'] as const);
      return newestFirst(engine.openOrders(accountId, filter.symbol ? { symbol: filter.symbol } : {}))
        .map((order) => row(accountId, order))
        .filter(
          (order) =>
            (ordType === undefined || order.ordType === ordType) && (wanted === undefined || order.state === wanted),
        )
        .slice(0, limitOf(input.params, 100, 100));
    }),
    privateRead('GET', '/trade/orders-history', (input) => {
      const { accountId } = account(input);
      requiredText(input.params, 'instType');
      const filter = listFilter(input.params);
      if (filter.none) return [];
      const now = clock.now();
      const wanted = oneOf(input.params, 'state', ['filled', 'canceled'] as const);
      const orders = engine.orderHistory(accountId, {
        ...(filter.symbol && { symbol: filter.symbol }),
        startMs: millisOf(input.params, 'begin') ?? now - 7 * DAY_MS,
        endMs: millisOf(input.params, 'end') ?? now,
      });
      return newestFirst(orders.filter((order) => order.state === 4))
        .filter((order) => wanted === undefined || okxStateOf(order) === wanted)
        .slice(0, limitOf(input.params, 100, 100))
        .map((order) => row(accountId, order));
    }),
    privateRead('GET', '/trade/fills', fills(3 * DAY_MS)),
    privateRead('GET', '/trade/fills-history', fills(90 * DAY_MS)),
    privateRead('POST', '/trade/close-position', (input) => {
      const { accountId } = account(input);
      const contract = contractOf(market, requiredText(input.params, 'instId'));
      const mgnMode = oneOf(input.params, 'mgnMode', ['cross', 'isolated'] as const);
      if (!mgnMode) throw paramError('mgnMode');
      const posSide = oneOf(input.params, 'posSide', ['net', 'long', 'short'] as const);
      const hedged = engine.positionMode(accountId) === 'hedge_mode';
      if (hedged && posSide !== 'long' && posSide !== 'short') throw paramError('posSide');
      const { clOrdId, tag } = clientIds(input.params);
      const position = engine
        .positions(accountId, contract.symbol)
        .find(
          (candidate) =>
            candidate.amount > 0 &&
            candidate.openType === mgnMode &&
            (!hedged || candidate.positionType === (posSide === 'long' ? 1 : 2)),
        );
      if (!position) throw new OkxReplyError(OkxCodes.positionNotExist);
      if (position.frozenAmount > 0) {
        if (!optionalBool(input.params, 'autoCxl')) {
          throw new OkxReplyError({
            ...OkxCodes.paramError,
            message: 'Cancel pending close orders before closing the position',
          });
        }
        for (const order of engine.openOrders(accountId, { symbol: contract.symbol })) {
          if (order.side === 2 || order.side === 3)
            engine.cancelOrder(accountId, { symbol: order.symbol, orderId: order.orderId });
        }
      }
      const result = unwrapOkx(
        engine.submitOrder(accountId, {
          symbol: contract.symbol,
          side: position.positionType === 1 ? 3 : 2,
          type: 'market',
          mode: 1,
          size: position.amount,
          openType: mgnMode,
          clientOrderId: clOrdId ?? '',
          receivedAtMicros: input.receivedAtMicros,
        }),
      );
      state.rememberOrder(result.orderId, tag, undefined);
      return [
        { instId: okxInstId(contract.symbol), posSide: posSide ?? 'net', clOrdId: clOrdId ?? '', tag: tag ?? '' },
      ];
    }),
    privateRead('POST', '/trade/cancel-all-after', (input) => {
      const { accountId } = account(input);
      const timeOut = optionalDecimal(input.params, 'timeOut');
      if (timeOut === undefined) throw paramError('timeOut');
      if (!timeOut.isInteger() || !(timeOut.isZero() || (timeOut.gte(10) && timeOut.lte(120))))
        throw paramError('timeOut');
      const tag = optionalText(input.params, 'tag') ?? '';
      const triggerAt = state.cancelAllAfter(accountId, tag, timeOut.toNumber());
      return [
        {
          triggerTime: String(Math.floor(triggerAt / 1_000)),
          tag,
          ts: String(Math.floor(clock.now() / 1_000)),
        },
      ];
    }),
  ];
}
