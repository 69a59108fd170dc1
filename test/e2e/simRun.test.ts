import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runConsoleInProcess } from '../support/consoleInProcess.ts';
import { startConsole, waitForOutput } from '../support/runConsole.ts';

describe('bin/console sim:run', () => {
  // The one real process: the loader, the address it prints, and the exit on SIGTERM.
  it('prints its address and demo credentials, serves BitMart and OKX REST, and stops cleanly on SIGTERM', async () => {
    const child = startConsole(['sim:run'], { SIM_ADDR: '127.0.0.1:0' });
    const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const response = await fetch(`${url}/system/time`);
    const body = (await response.json()) as { code: number; data: { server_time: number } };
    expect(body.code).toBe(1000);
    expect(Math.abs(body.data.server_time - Date.now())).toBeLessThan(5_000);
    const okx = (await (await fetch(`${url}/api/v5/public/time`)).json()) as { code: string; data: { ts: string }[] };
    expect(okx.code).toBe('0');
    expect(Math.abs(Number(okx.data[0]?.ts) - Date.now())).toBeLessThan(5_000);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('names the malformed variable and exits 2', async () => {
    const result = await runConsoleInProcess(['sim:run'], { SIM_ADDR: 'not-an-address' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SIM_ADDR');
  });

  it('rejects an unknown flag with exit code 2', async () => {
    const result = await runConsoleInProcess(['sim:run', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bogus');
  });

  it('lists the commands in --help', async () => {
    const result = await runConsoleInProcess(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sim:run');
    expect(result.stdout).toContain('up');
  });
});
