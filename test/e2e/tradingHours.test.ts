import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/platform/decimal/index.ts';
import type { FlowType, SimPosition } from '../../src/simulator/engine/index.ts';
import { type InProcessPlatform, startInProcessPlatform } from '../support/inProcessPlatform.ts';

/**
 * Three hours of the platform trading on its own, on the manual clock: the seeded simulator, the
 * app's scheduled MTF run every minute, its trade entry, the worker's entries, targets, trailing
 * and time stop, over real loopback HTTP between app and worker, across the 08:00 UTC funding
 * settlement. The profile is the shipped scalper_micro with its daily caps lifted, a 15-minute
 * time stop and TP2 at 1.6 R, so that three hours hold every way a trade can end.
 */
const HOURS = 3;
let platform: InProcessPlatform;
let configDirectory: string;
const unprotected: string[] = [];

interface TradeBody {
  decision_key: string;
  symbol: string;
  side: 'long' | 'short';
  status: string;
  exit_reason: string | null;
  entry_price: string | null;
  quantity: string | null;
  realized_pnl_gross: string | null;
  fees: string | null;
  funding: string | null;
  realized_pnl_net: string | null;
  accounting: string | null;
  opened_at: string | null;
  closed_at: string | null;
}
let trades: TradeBody[];

beforeAll(async () => {
  configDirectory = await mkdtemp(join(tmpdir(), 'trading-hours-config-'));
  await cp(new URL('../../config/', import.meta.url).pathname, configDirectory, { recursive: true });
  const profile = join(configDirectory, 'trade_entry.scalper_micro.yaml');
  const text = (await readFile(profile, 'utf8'))
    .replace(/daily_max_trades: \d+/, 'daily_max_trades: 500')
    .replace(/per_symbol_max_trades: \d+/, 'per_symbol_max_trades: 100')
    .replace(/daily_loss_cap_pct: [\d.]+/, 'daily_loss_cap_pct: 50')
    .replace(/hard_time_stop_sec: \d+/, 'hard_time_stop_sec: 900')
    .replace(/r_multiple: 2\.0\n(\s+)qty_fraction: 0\.4/, 'r_multiple: 1.6\n$1qty_fraction: 0.4');
  await writeFile(profile, text);
  platform = await startInProcessPlatform({ start: Date.UTC(2026, 0, 5, 6, 30, 0), seed: 42, configDirectory });
  // Every change of the account's positions, once the venue has done what the change implies (a
  // preset stop is made by the fill that opens the position): each open position has its stop.
  platform.engine.onEvent((event) => {
    if (event.kind !== 'position' || event.accountId !== platform.accountId) return;
    queueMicrotask(() => {
      for (const position of platform.engine.positions(platform.accountId)) {
        if (position.amount > 0 && !hasStop(position)) {
          unprotected.push(`${position.symbol} ${position.amount} at ${new Date(platform.clock.now()).toISOString()}`);
        }
      }
    });
  });
  await platform.run(HOURS * 3_600_000);
  const response = await fetch(`${platform.app.url}/api/trades?limit=500`);
  trades = ((await response.json()) as { data: TradeBody[] }).data;
}, 600_000);

afterAll(async () => {
  await platform?.stop();
  await rm(configDirectory, { recursive: true, force: true });
});

/** A waiting stop-loss plan order that closes the whole position (size 0) or at least its size. */
function hasStop(position: SimPosition): boolean {
  const closingSide = position.positionType === 1 ? 3 : 2;
  return platform.engine
    .currentPlanOrders(platform.accountId, { symbol: position.symbol })
    .some(
      (order) =>
        order.type === 'stop_loss' &&
        order.state === 2 &&
        order.side === closingSide &&
        (order.size === 0 || order.size >= position.amount),
    );
}

describe(`${HOURS} hours of paper trading on the manual clock`, () => {
  it('trades by itself: decisions every minute, entries filled, trades closed by stop, trailing, second target and time stop', () => {
    const closed = trades.filter((trade) => trade.status === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(10);
    const reasons = new Set(closed.map((trade) => trade.exit_reason));
    for (const reason of ['stop_loss', 'trailing', 'tp2', 'time_stop']) expect(reasons).toContain(reason);
    // Refusals are recorded with their reason too.
    expect(trades.some((trade) => trade.status === 'refused' || trade.status === 'skipped')).toBe(true);
  });

  it('takes the first target as a partial close before trailing the rest', async () => {
    const response = await fetch(`${platform.app.url}/api/orders?kind=TAKE_PROFIT&limit=200`);
    const orders = ((await response.json()) as { data: { status: string; deal_size: string | null }[] }).data;
    expect(orders.some((order) => order.status === 'FILLED' && order.deal_size !== null)).toBe(true);
  });

  it('never leaves an open position without its stop on the exchange', () => {
    expect(unprotected).toEqual([]);
  });

  it("agrees with the simulator's ledger to the cent: each closed trade's PnL, fees, funding and net", () => {
    const final = trades.filter((trade) => trade.status === 'closed' && trade.accounting === 'final');
    expect(final.length).toBeGreaterThanOrEqual(trades.filter((trade) => trade.status === 'closed').length - 1);
    // Positions held through the 08:00 UTC settlement paid or received funding.
    expect(final.some((trade) => !new Dec(trade.funding ?? '0').isZero())).toBe(true);
    for (const trade of final) {
      const window = {
        symbol: trade.symbol,
        startMs: Date.parse(trade.opened_at ?? ''),
        endMs: Date.parse(trade.closed_at ?? ''),
      };
      const flow = (flowType: FlowType) =>
        platform.engine
          .transactions(platform.accountId, { ...window, flowType })
          .reduce((sum, row) => sum.add(row.amount), new Dec(0));
      const ledger = { gross: flow(2), fees: flow(4).neg(), funding: flow(3) };
      const recorded = {
        gross: new Dec(trade.realized_pnl_gross ?? 'NaN'),
        fees: new Dec(trade.fees ?? 'NaN'),
        funding: new Dec(trade.funding ?? 'NaN'),
      };
      for (const key of ['gross', 'fees', 'funding'] as const) {
        expect(recorded[key].sub(ledger[key]).abs().toNumber(), `${trade.decision_key} ${key}`).toBeLessThan(0.01);
      }
      const net = ledger.gross.sub(ledger.fees).add(ledger.funding);
      expect(new Dec(trade.realized_pnl_net ?? 'NaN').sub(net).abs().toNumber()).toBeLessThan(0.01);
    }
  });

  it('ends with the exchange and the trade records agreeing on what is open', () => {
    const openOnVenue = platform.engine
      .positions(platform.accountId)
      .filter((position) => position.amount > 0)
      .map((position) => position.symbol)
      .sort();
    const openTrades = trades
      .filter((trade) => trade.status === 'open')
      .map((trade) => trade.symbol)
      .sort();
    expect(openTrades).toEqual(openOnVenue);
  });
});
