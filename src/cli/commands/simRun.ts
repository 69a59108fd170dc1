import type { Command } from 'commander';
import {
  loadSimulatorConfig,
  SIMULATOR_DEMO_CREDENTIALS,
  type SimulatorConfig,
} from '../../platform/config/simulatorConfig.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import type { Simulator } from '../../simulator/main.ts';
import type { ConsoleContext } from '../consoleContext.ts';
import { runUntilStopped } from '../runUntilStopped.ts';

export function registerSimRun(program: Command, context: ConsoleContext): void {
  program
    .command('sim:run')
    .description(
      'Run the exchange simulator: BitMart and OKX API v5 (REST, WebSocket) and the /sim admin API on SIM_ADDR, default 127.0.0.1:8090 (SIM_VENUE=okx: the demo account starts in net mode)',
    )
    .action(async () => {
      const simulator = await startSimulatorFromEnv(context);
      await runUntilStopped(
        () => simulator.stop(),
        () => context.stdout.write('simulator stopped\n'),
      );
    });
}

export async function startSimulatorFromEnv(context: ConsoleContext): Promise<Simulator> {
  const config = loadSimulatorConfig(context.env);
  const logger = createLogger({ name: 'simulator', pretty: process.stdout.isTTY });
  // Loaded here, not at the top: other commands need not pay for the simulator's imports.
  const { startSimulator } = await import('../../simulator/main.ts');
  const simulator = await startSimulator(config, { logger });
  context.stdout.write(describeSimulator(simulator, config));
  return simulator;
}

export function describeSimulator(simulator: Simulator, config: SimulatorConfig): string {
  const { url } = simulator.server;
  return [
    `Simulator listening on ${url} (account defaults: ${config.venue === 'okx' ? 'OKX, net mode' : 'BitMart, hedge mode'})`,
    `  REST        ${url}  (BITMART_BASE_URL)`,
    `  public WS   ${simulator.wsUrl}/api?protocol=1.1`,
    `  private WS  ${simulator.wsUrl}/user?protocol=1.1`,
    `  OKX REST    ${url}/api/v5  (the same account; OKX passphrase = memo)`,
    `  OKX WS      ${simulator.wsUrl}/ws/v5/public, /ws/v5/private, /ws/v5/business`,
    `  admin       ${url}/sim/state, POST ${url}/sim/price {"symbol","price"}`,
    `  credentials: api key "${config.apiKey}", secret ${describeSecret(config.apiSecret)}, memo "${config.apiMemo}"`,
    `  seed ${config.seed}, balance ${config.balanceUsdt} USDT, contracts ${simulator.market
      .contracts()
      .map((contract) => contract.symbol)
      .join(', ')}`,
    '',
  ].join('\n');
}

/** The demo secret is public by design; a secret the user chose is never printed. */
function describeSecret(secret: string): string {
  return secret === SIMULATOR_DEMO_CREDENTIALS.apiSecret ? `"${secret}"` : '(from SIM_API_SECRET, not shown)';
}
