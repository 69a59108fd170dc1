import { afterEach, describe, expect, it } from 'vitest';
import { controlApiOver, type Harness, harness, longRequest, postToControlApi } from './harness.ts';

/** A long with the trade-management fields, as the trading-app sends it (profile scalper_micro). */
function managedBody(id: string, change: Record<string, unknown> = {}): Record<string, unknown> {
  const { take_profit: _seedTarget, ...seed } = longRequest(id);
  return {
    ...seed,
    timeout_seconds: 180,
    targets: [{ price: '96000', fraction: '0.6' }, { price: 97000 }],
    trailing: { mode: 'atr_chandelier', atr: '150.5', atr_k: 1.5 },
    time_stop_seconds: 2700,
    fallback_end_of_zone: { seconds_before_end: 25, max_spread_bps: 8, max_slippage_bps: 10, only_within_zone: true },
    ...change,
  };
}

describe('POST /api/place-order: the trade-management fields', () => {
  let h: Harness;
  afterEach(async () => h.teardown());

  it('accepts them (202) and shows them in GET /api/orders/status', async () => {
    h = await harness();
    expect(await postToControlApi(h, '/api/place-order', managedBody('fieldsL1'))).toEqual({
      status: 202,
      body: { ok: true, message: 'Order added to queue', order_id: 'fieldsL1' },
    });
    const status = await controlApiOver(h).inject({ method: 'GET', url: '/api/orders/status' });
    expect(status.json().orders['fieldsL1']).toMatchObject({
      take_profit: '97000',
      targets: [
        { price: '96000', fraction: '0.6' },
        { price: '97000', fraction: '1' },
      ],
      trailing: { mode: 'atr_chandelier', atr: '150.5', atr_k: 1.5 },
      time_stop_seconds: 2700,
      fallback_end_of_zone: { seconds_before_end: 25, max_spread_bps: 8, only_within_zone: true, state: 'armed' },
    });
  });

  it.each([
    [{ targets: [] }, 'targets: expected 1 or 2 targets'],
    [{ targets: [{ price: '96000' }, { price: '97000' }] }, 'targets.0.fraction: TP1 needs the fraction it closes'],
    [{ targets: [{ price: '96000', fraction: '1.5' }, { price: '97000' }] }, 'targets.0.fraction: expected a fraction'],
    [
      { targets: [{ price: '94400', fraction: '0.5' }, { price: '97000' }] },
      'targets.0.price: target 1 must lie beyond',
    ],
    [
      { targets: [{ price: '97000', fraction: '0.5' }, { price: '96000' }] },
      'targets.1.price: target 2 must lie beyond TP1',
    ],
    [{ take_profit: '97000' }, 'targets: give take_profit (one target) or targets, not both'],
    [{ stop_loss: undefined }, 'Missing required field: stop_loss'],
    [{ targets: [{ price: '96000' }] }, 'trailing: trailing starts once TP1 has filled'],
    [{ trailing: { mode: 'atr_chandelier', atr_k: 1.5 } }, 'trailing.atr:'],
    [{ trailing: { mode: 'percent' } }, 'trailing.mode:'],
    [{ time_stop_seconds: 0 }, 'time_stop_seconds:'],
    [
      { fallback_end_of_zone: { seconds_before_end: 25, max_spread_bps: 8, max_slippage_bps: 0 } },
      'fallback_end_of_zone.max_slippage_bps:',
    ],
    [{ fallback_end_of_zone: { seconds_before_end: 25, max_spread_bps: 8 } }, 'fallback_end_of_zone.max_slippage_bps:'],
    [
      { fallback_end_of_zone: { seconds_before_end: 180, max_spread_bps: 8, max_slippage_bps: 5 } },
      'fallback_end_of_zone.seconds_before_end must be shorter',
    ],
  ])('refuses %j with a 400 naming the field', async (change, error) => {
    h = await harness();
    const body = managedBody('badL1', change);
    const answer = await postToControlApi(h, '/api/place-order', JSON.parse(JSON.stringify(body)));
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toContain(error);
    expect(h.execution.status().pending_orders).toBe(0);
  });

  it("keeps the seed's take_profit as the one target, placed as the entry's preset", async () => {
    h = await harness();
    expect((await postToControlApi(h, '/api/place-order', longRequest('seedL1'))).status).toBe(202);
    expect(h.execution.status().orders['seedL1']).toMatchObject({
      take_profit: '97000',
      targets: [{ price: '97000', fraction: '1' }],
      trailing: null,
      time_stop_seconds: null,
      fallback_end_of_zone: null,
    });
  });
});
