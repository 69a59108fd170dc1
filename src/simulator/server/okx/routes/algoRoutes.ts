import { OkxCodes } from '../../../../exchange/okx/protocol/codes.ts';
import type { Dec } from '../../../../platform/decimal/index.ts';
import { ZERO } from '../../../../platform/decimal/index.ts';
import type { SimPlanOrder } from '../../../engine/types.ts';
import type { ContractSpec } from '../../../market/types.ts';
import { account, type OkxContext, type OkxEndpoint, type OkxInput } from '../endpoint.ts';
import { clientIds, engineSide, executionPriceOf, priceTypeOf, tdModeOf } from '../orderCommands.ts';
import { contractOf, contractsOf, type Fields, fieldsOf, optionalText, priceOf, requiredText } from '../params.ts';
import { OkxReplyError, paramError, unwrapOkx } from '../replies.ts';
import { algoRow } from '../wire/orderRows.ts';

/**
 * Algo orders (https://www.okx.com/docs-v5/en/#order-book-trading-algo-trading) over the engine's
 * TP/SL and plan orders: `conditional` is one TP or SL order on the position, `oco` a TP and an
 * SL (listed as one algo under the SL's id), `trigger` a plan order.
 */
const MAX_CANCEL = 10;

export function algoEndpoints(ctx: OkxContext): OkxEndpoint[] {
  const { engine, market, state } = ctx;

  const place = (input: OkxInput): Record<string, string> => {
    const { accountId } = account(input);
    const fields = input.params;
    const algoClOrdId = optionalText(fields, 'algoClOrdId') ?? optionalText(fields, 'clOrdId') ?? '';
    const echo = { algoId: '', clOrdId: algoClOrdId, algoClOrdId, tag: optionalText(fields, 'tag') ?? '' };
    try {
      const { clOrdId, tag } = clientIds({ ...fields, clOrdId: algoClOrdId });
      const contract = contractOf(market, requiredText(fields, 'instId'));
      const openType = tdModeOf(fields);
      const mode = engine.positionMode(accountId);
      const ordType = optionalText(fields, 'ordType');
      let algoId: string;
      if (ordType === 'trigger') {
        const side = engineSide(fields, mode);
        const triggerPrice = priceOf(fields, 'triggerPx', contract);
        if (!triggerPrice) throw paramError('triggerPx');
        const executivePrice = executionPriceOf(fields, 'orderPx', contract);
        const { leverage } = unwrapOkx(engine.setLeverage(accountId, contract.symbol, openType));
        algoId = unwrapOkx(
          engine.submitPlanOrder(accountId, {
            symbol: contract.symbol,
            side,
            executionType: executivePrice ? 'limit' : 'market',
            leverage,
            openType,
            mode: 1,
            size: contractsOf(fields, 'sz'),
            triggerPrice,
            ...(executivePrice && { executivePrice }),
            priceWay: triggerPrice.gt(market.lastPrice(contract.symbol)) ? 1 : 2,
            priceType: priceTypeOf(fields, 'triggerPxType'),
            clientOrderId: clOrdId ?? '',
          }),
        ).orderId;
      } else if (ordType === 'conditional' || ordType === 'oco') {
        // Closing side: sell closes a long, buy a short; in long/short mode posSide names it.
        const side = engineSide({ ...fields, reduceOnly: true }, mode);
        const closeSide: 2 | 3 = side === 3 || side === 1 ? 3 : 2;
        const size = optionalText(fields, 'sz') === undefined ? undefined : contractsOf(fields, 'sz');
        if (size === undefined && optionalText(fields, 'closeFraction') !== '1') throw paramError('sz');
        const leg = (type: 'take_profit' | 'stop_loss', prefix: 'tp' | 'sl', id: string) =>
          submitLeg(
            contract,
            fields,
            prefix,
            (triggerPrice: Dec, executivePrice: Dec) =>
              unwrapOkx(
                engine.submitTpSl(accountId, {
                  symbol: contract.symbol,
                  type,
                  side: closeSide,
                  ...(size !== undefined && { size }),
                  triggerPrice,
                  executivePrice,
                  priceType: priceTypeOf(fields, `${prefix}TriggerPxType`),
                  planCategory: size === undefined ? 2 : 1,
                  clientOrderId: id,
                }),
              ).orderId,
          );
        const hasSl = optionalText(fields, 'slTriggerPx') !== undefined;
        const hasTp = optionalText(fields, 'tpTriggerPx') !== undefined;
        if (ordType === 'oco') {
          if (!hasSl || !hasTp) throw paramError(hasSl ? 'tpTriggerPx' : 'slTriggerPx');
          const stopLoss = leg('stop_loss', 'sl', clOrdId ?? '');
          let takeProfit: string;
          try {
            takeProfit = leg('take_profit', 'tp', '');
          } catch (error) {
            engine.cancelPlanOrder(accountId, { symbol: contract.symbol, orderId: stopLoss });
            throw error;
          }
          algoId = state.linkOco({ symbol: contract.symbol, takeProfit, stopLoss });
        } else {
          // "only stop-loss logic will be performed" when a conditional carries both.
          if (!hasSl && !hasTp) throw paramError('slTriggerPx');
          algoId = hasSl ? leg('stop_loss', 'sl', clOrdId ?? '') : leg('take_profit', 'tp', clOrdId ?? '');
        }
      } else {
        throw paramError('ordType');
      }
      state.rememberOrder(algoId, tag, undefined);
      return { ...echo, algoId, sCode: '0', sMsg: '' };
    } catch (error) {
      if (!(error instanceof OkxReplyError)) throw error;
      return { ...echo, sCode: error.info.code, sMsg: error.info.message };
    }
  };

  const cancel = (input: OkxInput, fields: Fields): Record<string, string> => {
    const { accountId } = account(input);
    const echo = {
      algoId: optionalText(fields, 'algoId') ?? '',
      algoClOrdId: optionalText(fields, 'algoClOrdId') ?? '',
    };
    try {
      const contract = contractOf(market, requiredText(fields, 'instId'));
      const plan = pendingPlans(accountId, contract.symbol).find((candidate) =>
        echo.algoId
          ? candidate.orderId === echo.algoId
          : echo.algoClOrdId !== '' && candidate.clientOrderId === echo.algoClOrdId,
      );
      if (!plan) throw new OkxReplyError(OkxCodes.cancelFailed);
      const legs = state.ocoLegs(plan.orderId);
      for (const orderId of legs ? [legs.stopLoss, legs.takeProfit] : [plan.orderId]) {
        unwrapOkx(engine.cancelPlanOrder(accountId, { symbol: contract.symbol, orderId }), OkxCodes.cancelFailed);
      }
      return { algoId: plan.orderId, algoClOrdId: plan.clientOrderId, sCode: '0', sMsg: '' };
    } catch (error) {
      if (!(error instanceof OkxReplyError)) throw error;
      return { ...echo, sCode: error.info.code, sMsg: error.info.message };
    }
  };

  const pendingPlans = (accountId: string, symbol?: string): SimPlanOrder[] =>
    [...engine.currentPlanOrders(accountId, symbol ? { symbol } : {})].filter(
      (plan) => plan.state === 2 && !state.isHiddenLeg(plan.orderId),
    );

  return [
    { method: 'POST', path: '/trade/order-algo', auth: 'private', kind: 'write', handle: (input) => [place(input)] },
    {
      method: 'POST',
      path: '/trade/cancel-algos',
      auth: 'private',
      kind: 'write',
      handle: (input) => {
        if (!Array.isArray(input.body) || input.body.length === 0 || input.body.length > MAX_CANCEL)
          throw paramError('body');
        return input.body.map((fields) => cancel(input, fieldsOf(fields)));
      },
    },
    {
      method: 'GET',
      path: '/trade/orders-algo-pending',
      auth: 'private',
      kind: 'read',
      handle: (input) => {
        const { accountId } = account(input);
        const ordTypes = new Set(requiredText(input.params, 'ordType').split(','));
        const instId = optionalText(input.params, 'instId');
        const algoId = optionalText(input.params, 'algoId');
        const algoClOrdId = optionalText(input.params, 'algoClOrdId');
        const all = engine.currentPlanOrders(accountId, {});
        return pendingPlans(accountId, instId === undefined ? undefined : contractOf(market, instId).symbol)
          .sort((a, b) => b.createTime - a.createTime)
          .map((plan) => {
            const legs = state.ocoLegs(plan.orderId);
            const takeProfit = legs && all.find((candidate) => candidate.orderId === legs.takeProfit);
            return algoRow(
              { main: plan, ...(takeProfit && { takeProfit }) },
              plan.clientOrderId,
              state.tagOf(plan.orderId),
            );
          })
          .filter(
            (row) =>
              ordTypes.has(String(row.ordType)) &&
              (algoId === undefined || row.algoId === algoId) &&
              (algoClOrdId === undefined || row.algoClOrdId === algoClOrdId),
          );
      },
    },
  ];
}

/** A TP or SL leg: its trigger on the tick, its order price `-1` (market) or a limit. */
function submitLeg(
  contract: ContractSpec,
  fields: Fields,
  prefix: 'tp' | 'sl',
  submit: (triggerPrice: Dec, executivePrice: Dec) => string,
): string {
  const triggerPrice = priceOf(fields, `${prefix}TriggerPx`, contract);
  if (!triggerPrice) throw paramError(`${prefix}TriggerPx`);
  return submit(triggerPrice, executionPriceOf(fields, `${prefix}OrdPx`, contract) ?? ZERO);
}
