import { readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { unlinkIfPresent, writeFileAtomically } from '../../../platform/files/atomicWrite.ts';
import { DirectorySync } from '../../../platform/files/DirectorySync.ts';
import type { SignalStorage } from './SignalStorage.ts';

/**
 * One signal waiting for delivery, as stored on disk. `attempts` is the number of attempts made
 * so far, hence the `retry_count` of the next one; `nextAttemptAt` (Unix ms) lets a retry
 * schedule survive a restart.
 */
export const StoredSignalSchema = z.strictObject({
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  kind: z.enum(['order', 'balance', 'callback']),
  url: z.url(),
  orderingKey: z.string().min(1),
  traceId: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number().int().nonnegative(),
  enqueuedAt: z.number().int().nonnegative(),
});
export type StoredSignal = z.infer<typeof StoredSignalSchema>;

export interface LoadResult {
  /** Sorted by `seq`, i.e. in enqueue order. */
  readonly signals: readonly StoredSignal[];
  /** Temporary files of writes a crash interrupted; deleted. */
  readonly removedTemporaries: number;
  /** Unreadable signal files, renamed to `*.corrupt` for an operator to inspect. */
  readonly quarantined: readonly string[];
}

const SIGNAL_FILE = /^\d{16}\.signal\.json$/;
const TEMPORARY_SUFFIX = '.tmp';

/**
 * One file per signal, written atomically: temporary file, fsync, rename, fsync of the directory
 * (docs/decisions/0006). A crash leaves either no file, a `.tmp` (ignored and deleted on load) or
 * the complete file; never a half-written signal under its final name.
 */
export class SignalStore implements SignalStorage {
  readonly #directory: string;
  readonly #directorySync: DirectorySync;
  #temporaryCounter = 0;

  constructor(directory: string) {
    this.#directory = directory;
    this.#directorySync = new DirectorySync(directory);
  }

  async load(): Promise<LoadResult> {
    const names = await readdir(this.#directory);
    let removedTemporaries = 0;
    const quarantined: string[] = [];
    const signals: StoredSignal[] = [];
    for (const name of names) {
      if (name.endsWith(TEMPORARY_SUFFIX)) {
        await unlinkIfPresent(join(this.#directory, name));
        removedTemporaries += 1;
      } else if (SIGNAL_FILE.test(name)) {
        const signal = await this.#read(name);
        if (signal) signals.push(signal);
        else quarantined.push(name);
      }
    }
    signals.sort((left, right) => left.seq - right.seq);
    return { signals, removedTemporaries, quarantined };
  }

  /** Durable once resolved: the file and its directory entry are on disk. */
  async create(signal: StoredSignal): Promise<void> {
    await this.#writeAtomically(signal);
    await this.#directorySync.sync();
  }

  /**
   * Records a new attempt count and next-attempt time. No directory fsync: if a crash loses the
   * rename, the previous complete version remains and the retry merely restarts a step earlier.
   */
  async update(signal: StoredSignal): Promise<void> {
    await this.#writeAtomically(signal);
  }

  /**
   * No directory fsync either: a removal lost in a crash means one more delivery of a signal the
   * app already has, which it deduplicates on `trace_id` (at-least-once by design).
   */
  async remove(signal: StoredSignal): Promise<void> {
    await unlinkIfPresent(this.#pathOf(signal));
  }

  #pathOf(signal: StoredSignal): string {
    return join(this.#directory, `${String(signal.seq).padStart(16, '0')}.signal.json`);
  }

  async #writeAtomically(signal: StoredSignal): Promise<void> {
    const target = this.#pathOf(signal);
    this.#temporaryCounter += 1;
    await writeFileAtomically(target, JSON.stringify(signal), `${target}.${this.#temporaryCounter}${TEMPORARY_SUFFIX}`);
  }

  async #read(name: string): Promise<StoredSignal | undefined> {
    const path = join(this.#directory, name);
    try {
      const parsed = StoredSignalSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Unparseable JSON: quarantined below like a schema mismatch.
    }
    await rename(path, `${path}.corrupt`);
    return undefined;
  }
}
