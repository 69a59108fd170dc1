import { z } from 'zod';
import { Dec } from '../../src/platform/decimal/index.ts';

/** The rows of `GET /sim/state` that the worker's e2e tests and benchmark read (parsed loosely). */
const SimOrderSchema = z.looseObject({
  symbol: z.string(),
  order_id: z.string(),
  client_order_id: z.string(),
  side: z.number(),
  type: z.string(),
  mode: z.number(),
  price: z.string(),
  size: z.string(),
  state: z.number(),
  deal_size: z.string(),
  arrival_micros: z.number(),
});
export type SimOrder = z.infer<typeof SimOrderSchema>;

const SimPositionSchema = z.looseObject({ symbol: z.string(), position_amount: z.string() });

/** A waiting or finished plan / TP-SL order (`plan_category` 1: of its `size`; 2: the whole position). */
const SimPlanOrderSchema = z.looseObject({
  symbol: z.string(),
  client_order_id: z.string(),
  type: z.string(),
  side: z.number(),
  size: z.string(),
  trigger_price: z.string(),
  plan_category: z.number(),
  state: z.number(),
});
export type SimPlanOrder = z.infer<typeof SimPlanOrderSchema>;

const SimStateSchema = z.looseObject({
  paused: z.boolean(),
  markets: z.array(z.looseObject({ symbol: z.string(), last_price: z.string() })),
  accounts: z.array(
    z.looseObject({
      api_key: z.string(),
      positions: z.array(SimPositionSchema),
      open_orders: z.array(SimOrderSchema),
      orders: z.array(SimOrderSchema),
      plan_orders: z.array(SimPlanOrderSchema).optional(),
    }),
  ),
});
export type SimState = z.infer<typeof SimStateSchema>;

const PriceAnswerSchema = z.looseObject({ symbol: z.string(), price: z.string(), pushedAtMicros: z.number() });

/** BitMart's `mode` of a maker-only (post-only) order (docs/reference/bitmart-wire.md#submit-order). */
export const MAKER_ONLY_MODE = 4;

/** A client of the simulator's `/sim/` admin API (README, "Admin API"). */
export class SimAdmin {
  readonly #baseUrl: string;

  constructor(restUrl: string) {
    this.#baseUrl = restUrl.replace(/\/+$/, '');
  }

  /** Moves the market; `pushedAtMicros` is when the resulting pushes left (monotonic µs). */
  async price(symbol: string, price: string): Promise<{ price: string; pushedAtMicros: number }> {
    return PriceAnswerSchema.parse(await this.#post('/sim/price', { symbol, price }));
  }

  /** Settles `symbol`'s funding now; answers the rate applied. */
  async funding(symbol: string): Promise<string> {
    return z.object({ rate: z.string() }).parse(await this.#post('/sim/funding', { symbol })).rate;
  }

  async pause(): Promise<void> {
    await this.#post('/sim/pause');
  }

  async dropWebSockets(): Promise<number> {
    return z.object({ dropped: z.number() }).parse(await this.#post('/sim/ws/drop')).dropped;
  }

  async state(): Promise<SimState> {
    const response = await fetch(`${this.#baseUrl}/sim/state`);
    if (!response.ok) throw new Error(`GET /sim/state answered ${response.status}`);
    return SimStateSchema.parse(await response.json());
  }

  async lastPrice(symbol: string): Promise<string> {
    const market = (await this.state()).markets.find((row) => row.symbol === symbol);
    if (!market) throw new Error(`the simulator lists no ${symbol}`);
    return market.last_price;
  }

  async #post(path: string, body?: object): Promise<unknown> {
    const response = await fetch(`${this.#baseUrl}${path}`, {
      method: 'POST',
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
}

/** Every order of the account opened by `apiKey`, open or finished. */
export function ordersOf(state: SimState, apiKey: string): SimOrder[] {
  return state.accounts.find((account) => account.api_key === apiKey)?.orders ?? [];
}

export function orderByClientId(state: SimState, apiKey: string, clientOrderId: string): SimOrder | undefined {
  return ordersOf(state, apiKey).find((order) => order.client_order_id === clientOrderId);
}

/** The waiting plan and TP/SL orders of `symbol` of the account opened by `apiKey` (state 2). */
export function waitingPlansOf(state: SimState, apiKey: string, symbol: string): SimPlanOrder[] {
  const plans = state.accounts.find((account) => account.api_key === apiKey)?.plan_orders ?? [];
  return plans.filter((plan) => plan.symbol === symbol && plan.state === 2);
}

/** True when the account holds no contracts of `symbol`. */
export function isFlat(state: SimState, apiKey: string, symbol: string): boolean {
  const account = state.accounts.find((row) => row.api_key === apiKey);
  return (account?.positions ?? []).every((p) => p.symbol !== symbol || new Dec(p.position_amount).isZero());
}
