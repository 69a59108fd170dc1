import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SystemClock } from '../src/platform/clock/index.ts';
import { KlineRepository } from '../src/trading-app/market-data/KlineRepository.ts';
import { COLD_WINDOW, MtfService } from '../src/trading-app/mtf-runner/index.ts';
import { openDatabase } from '../src/trading-app/store/openDatabase.ts';
import { simulatorKlines } from '../test/mtf-runner/support/simulatorCandles.ts';
import type { BenchLine } from './support.ts';

const ALIASES = 20;
const SYMBOLS = 10 * ALIASES;
const TIMED_RUNS = 5;
/** 2025-11-07 12:00 UTC: the simulator's history ends here; runs walk forward from 11:30:30. */
const MARKET_END = Date.UTC(2025, 10, 7, 12, 0, 0);
const FIRST_RUN = Date.UTC(2025, 10, 7, 11, 30, 30);
/** The original's cadence: one run per minute (Temporal cron every minute, 5 workers; 8 for scalper_micro). */
export const PEER_SLOT_MS = 60_000;
export const PEER_SLOT_NAME = 'original: one-minute Temporal slot, 5–8 PHP workers (documented, not measured)';

/**
 * A full MTF run over 200 symbols × 5 timeframes with the 2025-11 rules (config/mtf_validations.yaml,
 * profile `default`), indicators warm, candles read from the store (PGlite). The 200 symbols are the
 * simulator's 10 contracts under 20 names each (BTC00USDT … BTC19USDT): the same candles per name,
 * so the cost is real (every name has its own indicator state, rows and audit trail) but the
 * decisions repeat in groups of 20. Each timed run is one minute after the previous one: one new
 * 1m candle per symbol (and a 5m one every five minutes) is folded in, as in production.
 */
export async function mtfRunBenchmarks(): Promise<BenchLine[]> {
  const directory = await mkdtemp(join(tmpdir(), 'mtf-run-bench-'));
  const database = await openDatabase({ dataDir: join(directory, 'pglite') });
  try {
    const { symbols, klines } = simulatorKlines({
      seed: 11,
      end: MARKET_END,
      perSeries: COLD_WINDOW + 40,
      alias: (symbol) =>
        Array.from({ length: ALIASES }, (_, index) => symbol.replace('USDT', `${String(index).padStart(2, '0')}USDT`)),
    });
    await new KlineRepository(database.drizzle).upsertClosed(klines, 'rest', MARKET_END);
    const clock = new SystemClock();
    const sequential = await measure(new MtfService({ db: database.drizzle, clock }), symbols, 1);
    const parallel = await measure(new MtfService({ db: database.drizzle, clock }), symbols, 2);
    const line = (name: string, ours: number, target?: number): BenchLine => ({
      name,
      ours,
      peer: PEER_SLOT_MS,
      peerName: PEER_SLOT_NAME,
      unit: 'ms',
      lowerIsBetter: true,
      ...(target === undefined ? {} : { target }),
    });
    return [
      line(
        `MTF run ${SYMBOLS} symbols × 5 TFs, 2025-11 rules, warm, sequential (median of ${TIMED_RUNS})`,
        sequential.warm,
        1000,
      ),
      line(`MTF run ${SYMBOLS} symbols × 5 TFs, warm, 2 worker threads (median of ${TIMED_RUNS})`, parallel.warm, 1000),
      {
        ...line(`MTF run per symbol, warm, sequential`, sequential.warm / SYMBOLS),
        peer: PEER_SLOT_MS / SYMBOLS,
        peerName: `${PEER_SLOT_NAME}, ÷ ${SYMBOLS}`,
      },
      line(
        `MTF first run ${SYMBOLS} symbols (cold: warms 225 candles × 5 TFs per symbol), sequential`,
        sequential.cold,
      ),
      line(`MTF first run ${SYMBOLS} symbols (cold), 2 worker threads`, parallel.cold),
    ];
  } finally {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  }
}

async function measure(
  service: MtfService,
  symbols: readonly string[],
  workers: number,
): Promise<{ cold: number; warm: number }> {
  try {
    const timed = async (now: number) => {
      const started = performance.now();
      const response = await service.run({ symbols, profile: 'default', workers, now });
      if (response.data.summary.symbols_processed !== symbols.length)
        throw new Error('a symbol is missing from the run');
      return performance.now() - started;
    };
    const cold = await timed(FIRST_RUN);
    const warm: number[] = [];
    for (let run = 1; run <= TIMED_RUNS; run += 1) warm.push(await timed(FIRST_RUN + run * 60_000));
    warm.sort((a, b) => a - b);
    return { cold, warm: warm[Math.floor(warm.length / 2)] as number };
  } finally {
    await service.close();
  }
}
