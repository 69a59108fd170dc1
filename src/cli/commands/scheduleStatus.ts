import { type Command, InvalidArgumentError } from 'commander';
import { request } from 'undici';
import { loadStorageConfig } from '../../platform/config/storageConfig.ts';
import { apiOfHolder } from '../../platform/ownership/directoryOwnership.ts';
import type { ScheduleStatus } from '../../trading-app/schedules/Scheduler.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { formatTable } from '../table.ts';

/**
 * `bin/console schedule:status`: the running trading-app's schedules (`GET /api/schedules`), found
 * by `--url`, else by the claim of the data directory it holds (decision 0016).
 */
export function registerScheduleStatus(program: Command, context: ConsoleContext): void {
  program
    .command('schedule:status')
    .description("Show the running trading-app's schedules: last run, outcome, duration, next run")
    .option('--url <url>', 'the trading-app, e.g. http://127.0.0.1:8080 (default: the app holding DATA_DIR)', parseUrl)
    .option('--json', 'print the API answer')
    .action(async (options: { url?: string; json?: boolean }) => {
      const url = options.url ?? (await apiOfHolder(loadStorageConfig(context.env).dataDirectory));
      if (!url) throw new Error('no trading-app holds DATA_DIR: start it (npm start), or name one with --url');
      const response = await request(`${url}/api/schedules`);
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${text.slice(0, 300)}`);
      const { data } = JSON.parse(text) as { data: ScheduleStatus[] };
      if (options.json) {
        context.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const rows = data.map((schedule) => [
        schedule.name,
        schedule.enabled ? schedule.cron : 'off',
        schedule.last_run_at ?? '',
        schedule.last_outcome ?? '',
        schedule.last_duration_ms === null ? '' : `${schedule.last_duration_ms} ms`,
        schedule.next_run_at ?? '',
        schedule.running ? 'running' : '',
        schedule.last_summary ?? '',
      ]);
      context.stdout.write(
        formatTable(['schedule', 'cron (UTC)', 'last run', 'outcome', 'took', 'next run', '', 'summary'], rows),
      );
    });
}

function parseUrl(value: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(value) || !URL.canParse(value)) {
    throw new InvalidArgumentError(`expected an http URL such as http://127.0.0.1:8080, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}
