import cliProgress from 'cli-progress';
import type { ConsoleStream } from './consoleContext.ts';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

/**
 * A progress bar on `stream` (stderr) for a long fetch, only when a person watches it: the stream
 * is a TTY and the output is not JSON (stdout stays clean for pipes either way).
 */
export function progressBar(
  label: string,
  total: number,
  options: { json?: boolean | undefined; stream: ConsoleStream },
): Progress {
  const { stream } = options;
  if (options.json || !stream.isTTY || total <= 1) return SILENT;
  const bar = new cliProgress.SingleBar(
    { stream, format: `${label} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
