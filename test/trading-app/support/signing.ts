import { randomBytes } from 'node:crypto';
import { signWorkerPayload } from '../../../src/platform/hmac/workerSignature.ts';

export const TEST_SECRET = 'test-shared-secret-0123456789abcdef';

/**
 * Headers of a worker-signed POST, exactly as the PHP dispatcher builds them
 * (docs/reference/seed-contracts.md#signal-signing).
 */
export function signedHeaders(body: string, nowMs: number, secret = TEST_SECRET): Record<string, string> {
  const timestamp = String(nowMs);
  return {
    'content-type': 'application/json',
    'x-ws-worker-timestamp': timestamp,
    'x-ws-worker-signature': signWorkerPayload(secret, timestamp, body),
  };
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

/** The seeds' example balance payload (docs/reference/seed-contracts.md#balance-signal), with a fresh trace id. */
export function balanceSignal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    asset: 'USDT',
    available_balance: '10000.50',
    frozen_balance: '500.00',
    equity: '10500.50',
    unrealized_pnl: '100.00',
    position_deposit: '400.00',
    bonus: '0.00',
    timestamp: '2025-11-01T12:00:00+00:00',
    trace_id: newTraceId(),
    retry_count: 0,
    payload_version: '1.0',
    context: { source: 'bitmart_ws_worker', raw_data: { currency: 'USDT' } },
    ...overrides,
  };
}

/** The original's example order signal (docs/reference/seed-contracts.md#order-signal), with a fresh trace id. */
export function orderSignal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'ENTRY',
    status: 'SUBMITTED',
    client_order_id: 'CLI1Q2W3E4R5T6Y7A1B2C3D4',
    order_id: '2311234567',
    symbol: 'BTCUSDT',
    side: '1',
    type: 'limit',
    price: '99950.0',
    size: '2',
    leverage: '10',
    submitted_at: '2025-11-05T10:00:00+00:00',
    context: { source: 'bitmart_ws_worker', action: 'SUBMIT_ORDER', state: 'APPROVAL' },
    exchange_response: { action: 2 },
    trace_id: newTraceId(),
    retry_count: 0,
    payload_version: '1.0',
    ...overrides,
  };
}
