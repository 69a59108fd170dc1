import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MemoryKlines } from '../src/backtest/memoryKlines.ts';
import { SystemClock } from '../src/platform/clock/index.ts';
import { silentLogger } from '../src/platform/logging/logger.ts';
import { BATCH_SIZE, QueueEvaluator } from '../src/trading-app/mtf-runner/evaluation/QueueEvaluator.ts';
import { COLD_WINDOW, MtfService } from '../src/trading-app/mtf-runner/index.ts';
import { openDatabase } from '../src/trading-app/store/openDatabase.ts';
import { simulatorKlines } from '../test/mtf-runner/support/simulatorCandles.ts';
import { QUEUE_TARGETS, type QueueTarget, queueEnvironment } from '../test/schedules/support/queueTargets.ts';
import { startConsole, waitForOutput } from '../test/support/runConsole.ts';
import type { BenchLine } from './support.ts';

const ALIASES = 100;
const SYMBOLS = 10 * ALIASES;
const BATCHES = Math.ceil(SYMBOLS / BATCH_SIZE);
interface Timed {
  /** The whole run, as the caller waits for it. */
  readonly total: number;
  /** The run's `evaluate_ms`: where the queue sits (the other phases are the same code on both). */
  readonly evaluate: number;
}

const MARKET_END = Date.UTC(2025, 10, 7, 12, 0, 0);
const RUN_AT = Date.UTC(2025, 10, 7, 11, 30, 30);

/**
 * An MTF run of 1,000 symbols (the simulator's 10 contracts under 100 names each, 2025-11 rules,
 * profile `default`) in this process against the same run over BullMQ with 1 and 2 real
 * `bin/console mtf:worker` processes, on each backend of this machine. Every run is cold, as a
 * queued run always is (a batch may land on any worker, so it reads each series over its cold
 * window): one run per variant, each tens of seconds. The candles are in memory on both
 * sides so the store's reads weigh the same; the run's records go to PGlite.
 *
 * The queue's overhead per batch is (the queued run's evaluation phase with one worker − the same
 * phase in this thread) ÷ the batches: what BullMQ, the batches' JSON (their candles) and the
 * worker's process cost beyond the evaluation. The machine's load moves every figure: the load
 * average of each run goes to stderr.
 */
export async function mtfQueueBenchmarks(): Promise<BenchLine[]> {
  const directory = await mkdtemp(join(tmpdir(), 'mtf-queue-bench-'));
  const database = await openDatabase({ dataDir: join(directory, 'pglite') });
  const clock = new SystemClock();
  try {
    const { symbols, klines } = simulatorKlines({
      seed: 11,
      end: MARKET_END,
      perSeries: COLD_WINDOW + 40,
      alias: (symbol) =>
        Array.from({ length: ALIASES }, (_, index) => symbol.replace('USDT', `${String(index).padStart(3, '0')}USDT`)),
    });
    const candles = new MemoryKlines();
    await candles.upsertClosed(klines, 'rest', MARKET_END);
    process.stderr.write(`  mtfQueue: ${klines.length} candles in memory\n`);
    const run = async (service: MtfService): Promise<Timed> => {
      const started = performance.now();
      const response = await service.run({ symbols, profile: 'default', now: RUN_AT });
      const total = performance.now() - started;
      if (response.data.summary.symbols_processed !== SYMBOLS || response.data.summary.symbols_failed > 0) {
        throw new Error(`the run lost symbols: ${JSON.stringify(response.data.summary)}`);
      }
      const evaluate = response.data.timing.evaluate_ms;
      process.stderr.write(
        `  mtfQueue: ${SYMBOLS} symbols in ${Math.round(total)} ms, evaluation ${Math.round(evaluate)} ms (load ${loadavg()[0]?.toFixed(1)})\n`,
      );
      return { total, evaluate };
    };

    const service = new MtfService({ db: database.drizzle, clock, candles });
    const inProcess = await run(service);
    await service.close();

    const lines: BenchLine[] = [
      {
        name: `MTF run ${SYMBOLS} symbols × 5 TFs, cold, in this process`,
        ours: inProcess.total,
        peer: 60_000,
        peerName: "the schedule's one-minute slot",
        unit: 'ms',
        lowerIsBetter: true,
      },
    ];
    for (const { name, open } of QUEUE_TARGETS) {
      const target = open();
      try {
        for (const workers of [1, 2]) {
          const queued = await overQueue(target, workers, (service) => run(service), { database, clock, candles });
          lines.push({
            name: `MTF run ${SYMBOLS} symbols over BullMQ on ${name}, ${workers} mtf:worker process${workers > 1 ? 'es' : ''} (${BATCHES} batches)`,
            ours: queued.total,
            peer: inProcess.total,
            peerName: 'in this process',
            unit: 'ms',
            lowerIsBetter: true,
          });
          if (workers === 1) {
            lines.push({
              name: `BullMQ on ${name}: overhead per batch of ${BATCH_SIZE} symbols (evaluation phase queued with 1 worker − in process) ÷ batches`,
              ours: (queued.evaluate - inProcess.evaluate) / BATCHES,
              peer: inProcess.evaluate / BATCHES,
              peerName: "a batch's evaluation in this process",
              unit: 'ms',
              lowerIsBetter: true,
            });
          }
        }
      } finally {
        await target.dispose(['mtf-batches', 'mtf-gather-bench']);
      }
    }
    return lines;
  } finally {
    await database.close();
    await rm(directory, { recursive: true, force: true });
  }
}

async function overQueue(
  target: QueueTarget,
  workers: number,
  run: (service: MtfService) => Promise<Timed>,
  shared: { database: Awaited<ReturnType<typeof openDatabase>>; clock: SystemClock; candles: MemoryKlines },
): Promise<Timed> {
  const env = queueEnvironment(target);
  const children: ChildProcessWithoutNullStreams[] = [];
  const evaluator = new QueueEvaluator({
    connection: target.connect(),
    clock: shared.clock,
    logger: silentLogger(),
    instanceName: 'bench',
  });
  try {
    for (let index = 0; index < workers; index += 1) {
      const child = startConsole(['mtf:worker'], env);
      children.push(child);
      await waitForOutput(child, /taking MTF batches/);
    }
    const service = new MtfService({
      db: shared.database.drizzle,
      clock: shared.clock,
      candles: shared.candles,
      evaluator,
    });
    return await run(service);
  } finally {
    await evaluator.stop();
    await Promise.all(
      children.map(async (child) => {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }),
    );
  }
}
