import { ManualClock } from '../src/platform/clock/index.ts';
import { createMarket } from '../src/simulator/market/index.ts';
import type { MarketTick } from '../src/simulator/market/types.ts';
import type { BenchLine } from './support.ts';

const START = Date.UTC(2026, 0, 1, 10, 17, 23);
const TICK_MS = 250;
const LIVE_MINUTES = 10;
const KLINE_ROUNDS = 10;

/**
 * The simulated market's own costs, which every paper-trading second and every kline request of
 * the platform pays: one live step of all symbols (price process, candles, book, trades, with a
 * listener), and a 500-candle kline request once its history is cached.
 */
export async function simulatedMarketBenchmarks(): Promise<BenchLine[]> {
  return [liveStep(), ...cachedKlines()];
}

/** Microseconds per live step of the whole catalog, beside a bare float random walk of as many prices. */
function liveStep(): BenchLine {
  const clock = new ManualClock(START);
  const market = createMarket({ seed: 42, clock, tickMs: TICK_MS });
  let ticks = 0;
  market.onTick((_tick: MarketTick) => {
    ticks += 1;
  });
  market.start();
  clock.advance(60_000); // warm up
  const steps = (LIVE_MINUTES * 60_000) / TICK_MS;
  const started = performance.now();
  clock.advance(LIVE_MINUTES * 60_000);
  const ours = ((performance.now() - started) * 1000) / steps;
  market.stop();
  const symbols = market.contracts().length;
  if (ticks !== (steps + 60_000 / TICK_MS) * symbols)
    throw new Error(`expected a tick per symbol and step, saw ${ticks}`);
  return {
    name: `simulated market live step of ${symbols} symbols, with a listener`,
    ours,
    peer: bareRandomWalk(symbols, steps),
    peerName: 'bare float random walk of as many prices, with a listener',
    unit: 'µs',
    lowerIsBetter: true,
  };
}

function bareRandomWalk(symbols: number, steps: number): number {
  const prices = Array.from({ length: symbols }, () => 100);
  let calls = 0;
  const listener = (_price: number) => {
    calls += 1;
  };
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    for (let index = 0; index < symbols; index++) {
      const price = (prices[index] ?? 100) * (1 + (Math.random() - 0.5) * 1e-4);
      prices[index] = price;
      listener(price);
    }
  }
  const micros = ((performance.now() - started) * 1000) / steps;
  if (calls !== steps * symbols) throw new Error(`expected ${steps * symbols} listener calls, saw ${calls}`);
  return micros;
}

/** Milliseconds per request of up to 500 candles once cached, beside the same request on a cold cache. */
function cachedKlines(): BenchLine[] {
  const startSec = Math.floor(START / 1000);
  return ([1, 60, 1440] as const).map((step) => {
    const market = createMarket({ seed: 42, clock: new ManualClock(START) });
    const coldStarted = performance.now();
    market.klines('BTCUSDT', step, 0, startSec);
    const cold = performance.now() - coldStarted;
    const started = performance.now();
    for (let round = 0; round < KLINE_ROUNDS; round++) market.klines('BTCUSDT', step, 0, startSec);
    return {
      name: `simulated market klines, ${step}m, 500 candles, cached`,
      ours: (performance.now() - started) / KLINE_ROUNDS,
      peer: cold,
      peerName: 'the same request on a cold cache',
      unit: 'ms',
      lowerIsBetter: true,
    };
  });
}
