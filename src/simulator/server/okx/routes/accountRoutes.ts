import { OkxCodes } from '../../../../exchange/okx/protocol/codes.ts';
import { okxInstId } from '../../../../exchange/okx/protocol/instruments.ts';
import { toWire } from '../../../../platform/decimal/index.ts';
import type { PositionMode } from '../../../engine/types.ts';
import { account, type OkxContext, type OkxEndpoint, privateRead } from '../endpoint.ts';
import { contractOf, instIdList, oneOf, optionalDecimal, requiredText } from '../params.ts';
import { OkxReplyError, paramError, unwrapOkx } from '../replies.ts';
import { balanceRow, positionRow } from '../wire/accountRows.ts';

/** The trading account (https://www.okx.com/docs-v5/en/#trading-account-rest-api). */

const POS_MODE_OF: Readonly<Record<PositionMode, 'net_mode' | 'long_short_mode'>> = {
  one_way_mode: 'net_mode',
  hedge_mode: 'long_short_mode',
};

export function accountEndpoints(ctx: OkxContext): OkxEndpoint[] {
  const { engine, market, clock, state } = ctx;
  const closeOrderAlgo = (accountId: string, symbol: string, positionType: 1 | 2) =>
    engine
      .currentPlanOrders(accountId, { symbol, planType: 'profit_loss' })
      .filter(
        (plan) => plan.size === 0 && (plan.side === 3 ? 1 : 2) === positionType && !state.isHiddenLeg(plan.orderId),
      )
      .map((plan) => ({
        algoId: plan.orderId,
        slTriggerPx: plan.type === 'stop_loss' ? toWire(plan.triggerPrice) : '',
        slTriggerPxType: plan.type === 'stop_loss' ? 'last' : '',
        tpTriggerPx: plan.type === 'take_profit' ? toWire(plan.triggerPrice) : '',
        tpTriggerPxType: plan.type === 'take_profit' ? 'last' : '',
        closeFraction: '1',
      }));
  return [
    privateRead('GET', '/account/config', (input) => {
      const { accountId } = account(input);
      return [
        {
          uid: accountId.replace(/\D/g, '') || '1',
          mainUid: accountId.replace(/\D/g, '') || '1',
          acctLv: '2',
          acctStpMode: 'cancel_maker',
          posMode: POS_MODE_OF[engine.positionMode(accountId)],
          autoLoan: false,
          greeksType: 'PA',
          level: 'Lv1',
          levelTmp: '',
          ctIsoMode: 'automatic',
          mgnIsoMode: 'automatic',
          spotOffsetType: '',
          roleType: '0',
          traderInsts: [],
          spotRoleType: '0',
          spotTraderInsts: [],
          opAuth: '0',
          kycLv: '2',
          label: 'simulator',
          ip: '',
          perm: 'read_only,trade',
          liquidationGear: '-1',
          enableSpotBorrow: false,
          spotBorrowAutoRepay: false,
          type: '0',
          settleCcy: 'USDT',
          settleCcyList: ['USDT'],
        },
      ];
    }),
    privateRead('POST', '/account/set-position-mode', (input) => {
      const posMode = oneOf(input.params, 'posMode', ['net_mode', 'long_short_mode'] as const);
      if (!posMode) throw new OkxReplyError({ ...OkxCodes.paramEmpty, message: 'Parameter posMode can not be empty.' });
      unwrapOkx(
        engine.setPositionMode(account(input).accountId, posMode === 'net_mode' ? 'one_way_mode' : 'hedge_mode'),
      );
      return [{ posMode }];
    }),
    privateRead('POST', '/account/set-leverage', (input) => {
      const { accountId } = account(input);
      const contract = contractOf(market, requiredText(input.params, 'instId'));
      const mgnMode = oneOf(input.params, 'mgnMode', ['cross', 'isolated'] as const);
      if (!mgnMode) throw paramError('mgnMode');
      const lever = optionalDecimal(input.params, 'lever');
      if (!lever || lever.lt(1)) throw paramError('lever');
      const posSide = oneOf(input.params, 'posSide', ['net', 'long', 'short'] as const) ?? '';
      const hedged = engine.positionMode(accountId) === 'hedge_mode';
      if (mgnMode === 'isolated' && hedged && posSide !== 'long' && posSide !== 'short') throw paramError('posSide');
      const result = unwrapOkx(engine.setLeverage(accountId, contract.symbol, mgnMode, lever));
      return [{ lever: toWire(result.leverage), mgnMode, instId: okxInstId(contract.symbol), posSide }];
    }),
    privateRead('GET', '/account/leverage-info', (input) => {
      const { accountId } = account(input);
      const mgnMode = oneOf(input.params, 'mgnMode', ['cross', 'isolated'] as const);
      if (!mgnMode) throw paramError('mgnMode');
      const ids = instIdList(input.params);
      if (!ids?.length) throw paramError('instId');
      const hedged = engine.positionMode(accountId) === 'hedge_mode';
      return ids.flatMap((instId) => {
        const contract = contractOf(market, instId);
        const { leverage } = unwrapOkx(engine.setLeverage(accountId, contract.symbol, mgnMode));
        const sides = hedged ? ['long', 'short'] : ['net'];
        return sides.map((posSide) => ({ instId, mgnMode, posSide, lever: toWire(leverage) }));
      });
    }),
    privateRead('GET', '/account/balance', (input) => [
      balanceRow(engine.assets(account(input).accountId), clock.now()),
    ]),
    privateRead('GET', '/account/positions', (input) => {
      const { accountId } = account(input);
      const instType = oneOf(input.params, 'instType', ['MARGIN', 'SWAP', 'FUTURES', 'OPTION'] as const);
      if (instType !== undefined && instType !== 'SWAP') return [];
      const ids = instIdList(input.params);
      const positions =
        ids === undefined
          ? engine.positions(accountId)
          : ids.flatMap((instId) =>
              engine.positions(accountId, contractOf(market, instId).symbol).filter((position) => position.amount > 0),
            );
      return positions
        .filter((position) => position.amount > 0)
        .sort((a, b) => b.openTime - a.openTime)
        .map((position) => {
          const contract = market.contract(position.symbol)!;
          const posId = state.posIdOf(accountId, position.symbol, position.positionSide, position.openType);
          return positionRow(
            position,
            contract,
            posId,
            closeOrderAlgo(accountId, position.symbol, position.positionType),
          );
        });
    }),
    privateRead('GET', '/asset/currencies', () => []),
  ];
}
