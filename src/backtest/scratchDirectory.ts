import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Linux's shared-memory file system: files in RAM, and an fsync that returns at once. */
const SHARED_MEMORY = '/dev/shm';

/**
 * Where a backtest's worker keeps its durable files (outbox, orders told, executions): in memory
 * when the machine has a writable `/dev/shm`, else the OS temp directory. The worker writes and
 * fsyncs the same files either way (docs/decisions/0031-backtest-speed.md); a backtest's files die
 * with the run, so surviving a power cut buys it nothing, and the disk's fsync was a wait at
 * every signal.
 */
export function scratchDirectory(): string {
  try {
    if (!statSync(SHARED_MEMORY).isDirectory()) return tmpdir();
    accessSync(SHARED_MEMORY, constants.W_OK);
    return SHARED_MEMORY;
  } catch {
    return tmpdir();
  }
}
