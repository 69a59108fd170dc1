import { type Clock, SystemClock } from '../../src/platform/clock/index.ts';
import { loadSimulatorConfig, type SimulatorConfig } from '../../src/platform/config/simulatorConfig.ts';
import { type Simulator, startSimulator } from '../../src/simulator/main.ts';

/**
 * A real simulator on an ephemeral loopback port, as `sim:run` would start it, with test-friendly
 * settings unless overridden by `env` (same variable names as the CLI).
 */
export async function startTestSimulator(
  env: Record<string, string> = {},
  clock: Clock = new SystemClock(),
): Promise<{
  simulator: Simulator;
  config: SimulatorConfig;
  restUrl: string;
  publicWsUrl: string;
  privateWsUrl: string;
  /** The BITMART_* variables of a worker, an app or a tool pointed at this simulator's account. */
  bitmartEnv: Record<string, string>;
}> {
  const config = loadSimulatorConfig({
    SIM_ADDR: '127.0.0.1:0',
    SIM_ORDER_VISIBILITY_MS: '0',
    SIM_WS_LIFELESS_CLOSE: '0',
    SIM_OKX_WS_IDLE_CLOSE: '0',
    ...env,
  });
  const simulator = await startSimulator(config, { clock });
  const urls = {
    restUrl: simulator.server.url,
    publicWsUrl: `${simulator.wsUrl}/api?protocol=1.1`,
    privateWsUrl: `${simulator.wsUrl}/user?protocol=1.1`,
  };
  const { account } = simulator;
  return {
    simulator,
    config,
    ...urls,
    bitmartEnv: {
      BITMART_BASE_URL: urls.restUrl,
      BITMART_PUBLIC_WS_URI: urls.publicWsUrl,
      BITMART_PRIVATE_WS_URI: urls.privateWsUrl,
      BITMART_API_KEY: account.apiKey,
      BITMART_API_SECRET: account.apiSecret,
      BITMART_API_MEMO: account.apiMemo,
    },
  };
}
