import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../../platform/files/atomicWrite.ts';
import { DirectorySync } from '../../platform/files/DirectorySync.ts';

/**
 * Where the execution's snapshot lives: a file (the default) or a row on PostgreSQL (decision
 * 0037). `write` replaces the whole snapshot at once: a crash leaves the old one or the new one.
 */
export interface SnapshotStorage {
  /** `undefined` when nothing was ever written. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
}

/** One file, replaced atomically: temporary file, fsync, rename, fsync of the directory. */
export class FileSnapshotStorage implements SnapshotStorage {
  readonly #directory: string;
  readonly #file: string;
  readonly #directorySync: DirectorySync;

  constructor(directory: string, fileName: string) {
    this.#directory = directory;
    this.#file = join(directory, fileName);
    this.#directorySync = new DirectorySync(directory);
  }

  async read(): Promise<string | undefined> {
    await mkdir(this.#directory, { recursive: true });
    try {
      return await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(text: string): Promise<void> {
    // Writes are chained by the store, so one temporary name serves them all.
    await writeFileAtomically(this.#file, text, `${this.#file}.tmp`);
    await this.#directorySync.sync();
  }
}
