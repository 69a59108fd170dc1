import { okxInstId } from '../../../../exchange/okx/protocol/instruments.ts';
import { toWire, ZERO } from '../../../../platform/decimal/index.ts';
import type { SimAsset, SimPosition } from '../../../engine/types.ts';
import type { ContractSpec } from '../../../market/types.ts';
import { ms, orEmpty } from './fields.ts';

/** The engine's positions and balances as OKX's account rows (conventions: fields.ts). */

export function positionRow(
  position: SimPosition,
  contract: ContractSpec,
  posId: string,
  closeOrderAlgo: readonly Record<string, string>[],
): Record<string, unknown> {
  const net = position.positionMode === 'one_way_mode';
  const signed = net && position.positionType === 2 ? -position.amount : position.amount;
  const cross = position.openType === 'cross';
  const notional = contract.contractSize.times(position.amount).times(position.markPrice);
  return {
    instType: 'SWAP',
    instId: okxInstId(position.symbol),
    mgnMode: position.openType,
    posId,
    posSide: net ? 'net' : position.positionType === 1 ? 'long' : 'short',
    pos: String(signed),
    baseBal: '',
    quoteBal: '',
    posCcy: '',
    availPos: String(position.amount - position.frozenAmount),
    avgPx: position.amount > 0 ? toWire(position.entryPrice) : '',
    nonSettleAvgPx: '',
    markPx: toWire(position.markPrice),
    upl: toWire(position.unrealizedPnl),
    uplRatio: position.margin.isZero() ? '0' : toWire(position.unrealizedPnl.div(position.margin).toDecimalPlaces(8)),
    uplLastPx: toWire(position.unrealizedPnl),
    lever: toWire(position.leverage),
    liqPx: orEmpty(position.liquidationPrice),
    imr: cross ? toWire(position.margin) : '',
    margin: cross ? '' : toWire(position.margin),
    mgnRatio: '',
    mmr: toWire(position.maintenanceMargin),
    liab: '',
    liabCcy: '',
    interest: '',
    tradeId: '',
    optVal: '',
    notionalUsd: toWire(notional.toDecimalPlaces(8)),
    adl: '1',
    ccy: 'USDT',
    last: toWire(position.markPrice),
    idxPx: toWire(position.markPrice),
    usdPx: '',
    bePx: '',
    realizedPnl: toWire(position.realizedPnl.minus(position.feesPaid)),
    pnl: toWire(position.realizedPnl),
    fee: toWire(position.feesPaid.negated()),
    fundingFee: '0',
    liqPenalty: '0',
    settledPnl: '',
    closeOrderAlgo,
    cTime: ms(position.openTime),
    uTime: ms(position.updateTime),
    pTime: ms(position.updateTime),
  };
}

export function balanceRow(assets: readonly SimAsset[], nowMs: number): Record<string, unknown> {
  const held = assets.filter((asset) => !asset.equity.isZero() || !asset.available.isZero());
  const details = held.map((asset) => ({
    ccy: asset.currency,
    eq: toWire(asset.equity),
    cashBal: toWire(asset.equity.minus(asset.unrealized)),
    uTime: ms(nowMs),
    isoEq: '0',
    availEq: toWire(asset.available),
    disEq: toWire(asset.equity),
    fixedBal: '0',
    availBal: toWire(asset.available),
    frozenBal: toWire(asset.frozen.plus(asset.positionDeposit)),
    ordFrozen: toWire(asset.frozen),
    liab: '0',
    upl: toWire(asset.unrealized),
    uplLiab: '0',
    crossLiab: '0',
    isoLiab: '0',
    mgnRatio: '',
    imr: toWire(asset.positionDeposit),
    mmr: '',
    interest: '0',
    twap: '0',
    maxLoan: '',
    eqUsd: toWire(asset.equity),
    notionalLever: '',
    stgyEq: '0',
    isoUpl: '0',
    borrowFroz: '',
    spotInUseAmt: '',
    rewardBal: '0',
  }));
  const total = assets
    .filter((asset) => asset.currency === 'USDT')
    .reduce((sum, asset) => sum.plus(asset.equity), ZERO);
  return {
    uTime: ms(nowMs),
    totalEq: toWire(total),
    isoEq: '0',
    adjEq: '',
    availEq: '',
    ordFroz: '',
    imr: '',
    mmr: '',
    borrowFroz: '',
    mgnRatio: '',
    notionalUsd: '',
    notionalUsdForBorrow: '',
    notionalUsdForSwap: '',
    notionalUsdForFutures: '',
    notionalUsdForOption: '',
    upl: '',
    details,
  };
}
