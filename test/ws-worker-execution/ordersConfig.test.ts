import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDERS_CONFIG, loadOrdersConfig } from '../../src/ws-worker/execution/index.ts';

// The PHP system's file (pivox/tradingV3 pull request 6, `ws-worker/config/orders.yaml`), when a copy of it sits
// beside the repository (the team's reference material); the comparison is skipped otherwise.
const ORIGINAL = new URL('../../../shared/tradingv3-config/1c1f1bfc/ws-worker/config/orders.yaml', import.meta.url)
  .pathname;
const SHIPPED = new URL('../../config/orders.yaml', import.meta.url).pathname;

function yamlFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'orders-')), 'orders.yaml');
  writeFileSync(path, text);
  return path;
}

describe('loadOrdersConfig', () => {
  it('loads the shipped config/orders.yaml, a byte copy of the PHP file, to the documented defaults', () => {
    expect(loadOrdersConfig(SHIPPED)).toEqual(DEFAULT_ORDERS_CONFIG);
    expect(DEFAULT_ORDERS_CONFIG.orders).toMatchObject({
      entry_zone: { tolerance_percent: 0.1, timeout_seconds: 300, immediate_if_in_zone: true },
      stop_loss: { check_interval_ms: 100, slippage_tolerance_percent: 0.05 },
      take_profit: { check_interval_ms: 500, slippage_tolerance_percent: 0.05, partial_close: true },
      order_type: { default: 'limit', post_only: true },
      callback: { base_url: 'http://trading-app:8080', timeout_seconds: 5, retry_attempts: 3, retry_delay_seconds: 2 },
    });
    expect(DEFAULT_ORDERS_CONFIG.bitmart).toEqual({
      api_base_url: 'https://api-cloud-v2.bitmart.com',
      timeout_seconds: 5,
    });
  });

  it.runIf(existsSync(ORIGINAL))('loads the original file unchanged', () => {
    expect(readFileSync(SHIPPED, 'utf8')).toBe(readFileSync(ORIGINAL, 'utf8'));
    expect(loadOrdersConfig(ORIGINAL)).toEqual(DEFAULT_ORDERS_CONFIG);
  });

  it('interpolates the variable placeholders from the given environment', () => {
    const config = loadOrdersConfig(SHIPPED, { TRADING_APP_BASE_URL: 'http://127.0.0.1:8080' });
    expect(config.orders.callback.base_url).toBe('http://127.0.0.1:8080');
  });

  it('yields the defaults when the file is missing', () => {
    expect(loadOrdersConfig('/nonexistent/orders.yaml')).toBe(DEFAULT_ORDERS_CONFIG);
  });

  it('names the file and the key of an unknown key', () => {
    const path = yamlFile('orders:\n  entry_zone:\n    tolerance_pct: 0.2\n');
    expect(() => loadOrdersConfig(path)).toThrow(`${path}: orders.entry_zone.tolerance_pct`);
  });

  it('names the key of a malformed value', () => {
    const path = yamlFile('orders:\n  stop_loss:\n    slippage_tolerance_percent: lots\n');
    expect(() => loadOrdersConfig(path)).toThrow(/orders\.stop_loss\.slippage_tolerance_percent/);
    const bad = yamlFile('orders:\n  order_type:\n    default: stop\n');
    expect(() => loadOrdersConfig(bad)).toThrow(/orders\.order_type\.default/);
  });
});
