/**
 * Keeps a started component alive until SIGINT or SIGTERM, then stops it once and exits 0:
 * the one shutdown path of every long-running command.
 */
export function runUntilStopped(stop: () => Promise<void>, onStopped?: () => void): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const shutdown = (): void => {
      if (stopping) return;
      stopping = true;
      stop()
        .catch((error: unknown) => process.stderr.write(`error while stopping: ${String(error)}\n`))
        .finally(() => {
          onStopped?.();
          resolve();
        });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}
