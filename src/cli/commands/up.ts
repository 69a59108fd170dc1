import type { Command } from 'commander';
import { runUntilStopped } from '../runUntilStopped.ts';
import { startSimulatorFromEnv } from './simRun.ts';

/**
 * `npm start`. Starts the whole platform in paper mode; for now the platform is the simulator,
 * and the worker and the app join this group as they are built.
 */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('Start the whole platform in paper mode on loopback (today: the exchange simulator)')
    .action(async () => {
      const simulator = await startSimulatorFromEnv();
      process.stdout.write('Press Ctrl-C to stop.\n');
      await runUntilStopped(
        () => simulator.stop(),
        () => process.stdout.write('stopped\n'),
      );
    });
}
