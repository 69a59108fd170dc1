import { ManualClock } from '../../platform/clock/index.ts';
import { Dec } from '../../platform/decimal/index.ts';
import { createEngine } from './index.ts';
import { TestMarket } from './testMarket.ts';
import type { EngineEvent, EngineResult, PositionMode, SimAsset, SubmitOrderCommand } from './types.ts';

export const BTC = 'BTCUSDT';

/** An engine on a deterministic market at 01:00 UTC (next funding 08:00), one funded account. */
export function engineFixture(
  options: { positionMode?: PositionMode; balance?: string; visibilityMs?: number; marketSlippageBps?: number } = {},
) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 1));
  const market = new TestMarket(clock);
  market.setPrice(BTC, new Dec(60000));
  const engine = createEngine({
    market,
    clock,
    seed: 1,
    orderVisibilityMs: options.visibilityMs ?? 300,
    ...(options.marketSlippageBps === undefined ? {} : { marketSlippageBps: options.marketSlippageBps }),
  });
  engine.start();
  const events: EngineEvent[] = [];
  engine.onEvent((event) => events.push(event));
  const { accountId } = engine.createAccount({
    apiKey: 'key',
    apiSecret: 'secret',
    apiMemo: 'memo',
    balanceUsdt: new Dec(options.balance ?? '10000'),
    positionMode: options.positionMode ?? 'hedge_mode',
  });
  const usdt = (): SimAsset => engine.assets(accountId)[0] as SimAsset;
  const submit = (command: Partial<SubmitOrderCommand> & Pick<SubmitOrderCommand, 'side' | 'size'>) =>
    engine.submitOrder(accountId, { symbol: BTC, type: 'market', mode: 1, ...command });
  return { clock, market, engine, accountId, events, usdt, submit };
}

export function accepted<T>(result: EngineResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code} ${result.error.message}`);
  return result.value;
}

export function codeOf<T>(result: EngineResult<T>): number | undefined {
  return result.ok ? undefined : result.error.code;
}

export function dec(value: string | number): Dec {
  return new Dec(value);
}
