import { open } from 'node:fs/promises';

/**
 * fsyncs a directory so that the renames and creations inside it survive a power loss (a file's
 * own fsync does not persist its directory entry). Concurrent callers share one fsync: while one
 * runs, every new caller joins the single next one, so a burst of N enqueues costs about two
 * directory fsyncs instead of N.
 */
export class DirectorySync {
  readonly #directory: string;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  constructor(directory: string) {
    this.#directory = directory;
  }

  /** Resolves once an fsync that started after this call has completed. */
  sync(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#fsync().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    // The running fsync may have started before the caller's rename: it must wait for the next one.
    this.#queued ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        return this.sync();
      });
    return this.#queued;
  }

  async #fsync(): Promise<void> {
    const handle = await open(this.#directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
