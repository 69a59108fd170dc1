import type { MarketDataRest } from '../../exchange/port/FuturesExchange.ts';
import type { MarketStream, RateLimitUsage } from '../../exchange/port/index.ts';
import type { Clock } from '../../platform/clock/index.ts';

/** What the health report reads; only the exchange is required, the rest exists in some setups. */
export interface ProviderHealthSources {
  readonly exchange: Pick<MarketDataRest, 'venue' | 'serverTime'> | undefined;
  /** The app's kline stream (with fresh market data on: `up`). */
  readonly stream?: Pick<MarketStream, 'health'> | undefined;
  /** The REST client's rate-limit windows, when the adapter counts them (BitMart's does). */
  readonly rateLimits?: (() => readonly RateLimitUsage[]) | undefined;
}

/** The venue's time endpoint must answer within this; the transport's own deadline is longer. */
export const HEALTH_PROBE_TIMEOUT_MS = 5_000;

export interface ProviderHealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly venue: string | null;
  /** One timed `serverTime` call: reachability, round trip, and the error when it failed. */
  readonly exchange: { reachable: boolean; latency_ms: number | null; error: string | null };
  /** Venue time minus ours at the midpoint of the round trip; signed requests fail beyond ±60 s. */
  readonly clock: { offset_ms: number | null; server_time: string | null };
  readonly websocket: {
    topics: number;
    subscribed: number;
    reconnects: number;
    /** Subscribed topics without a message yet. */
    silent_topics: number;
    oldest_message_age_ms: number | null;
  } | null;
  readonly rate_limits: {
    /** The smallest share of a window still free, 0-1 (0 while the venue makes us wait). */
    lowest_headroom: number;
    endpoints: { endpoint: string; scope: 'ip' | 'key'; used: number; limit: number; blocked_for_ms: number }[];
  } | null;
  readonly timestamp: string;
}

/**
 * `GET /provider/health` (docs/reference/seed-contracts.md#provider-health): can the app reach its venue, how far apart
 * the clocks are, how its market stream fares, how much REST budget is left. `unavailable` only when the venue
 * did not answer: a silent stream or a spent window is reported, not failed on.
 */
export async function checkProviderHealth(sources: ProviderHealthSources, clock: Clock): Promise<ProviderHealthReport> {
  const probe = await probeExchange(sources.exchange, clock);
  const now = clock.now();
  return {
    status: probe.reachable ? 'ok' : 'unavailable',
    venue: sources.exchange?.venue ?? null,
    exchange: { reachable: probe.reachable, latency_ms: probe.latencyMs, error: probe.error },
    clock: {
      offset_ms: probe.offsetMs,
      server_time: probe.serverTime === null ? null : new Date(probe.serverTime).toISOString(),
    },
    websocket: sources.stream ? websocketHealth(sources.stream, now) : null,
    rate_limits: sources.rateLimits ? rateLimitHealth(sources.rateLimits()) : null,
    timestamp: new Date(now).toISOString(),
  };
}

interface Probe {
  reachable: boolean;
  latencyMs: number | null;
  offsetMs: number | null;
  serverTime: number | null;
  error: string | null;
}

async function probeExchange(exchange: ProviderHealthSources['exchange'], clock: Clock): Promise<Probe> {
  const failed = (error: string): Probe => ({
    reachable: false,
    latencyMs: null,
    offsetMs: null,
    serverTime: null,
    error,
  });
  if (!exchange) return failed('no exchange configured');
  const sentAt = clock.now();
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = clock.setTimeout(
      () => reject(new Error(`no answer within ${HEALTH_PROBE_TIMEOUT_MS} ms`)),
      HEALTH_PROBE_TIMEOUT_MS,
    );
  });
  try {
    const serverTime = await Promise.race([exchange.serverTime(), deadline]);
    const receivedAt = clock.now();
    return {
      reachable: true,
      latencyMs: receivedAt - sentAt,
      offsetMs: Math.round(serverTime - (sentAt + receivedAt) / 2),
      serverTime,
      error: null,
    };
  } catch (error) {
    // The error's kind and message, never a stack: exchange errors carry no secrets (docs/style.md#error-kinds).
    return failed(error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error');
  } finally {
    clock.clearTimer(timer);
  }
}

function websocketHealth(stream: Pick<MarketStream, 'health'>, now: number): ProviderHealthReport['websocket'] {
  const topics = stream.health();
  const subscribed = topics.filter((topic) => topic.subscribed);
  const heard = subscribed.flatMap((topic) => (topic.lastMessageAt === undefined ? [] : [topic.lastMessageAt]));
  return {
    topics: topics.length,
    subscribed: subscribed.length,
    reconnects: Math.max(0, ...topics.map((topic) => topic.reconnects)),
    silent_topics: subscribed.length - heard.length,
    oldest_message_age_ms: heard.length === 0 ? null : Math.max(0, now - Math.min(...heard)),
  };
}

function rateLimitHealth(usage: readonly RateLimitUsage[]): ProviderHealthReport['rate_limits'] {
  const headroom = (row: RateLimitUsage) => (row.blockedForMs > 0 || row.limit <= 0 ? 0 : 1 - row.used / row.limit);
  return {
    lowest_headroom: usage.length === 0 ? 1 : Math.min(...usage.map(headroom)),
    endpoints: usage.map((row) => ({
      endpoint: row.endpoint,
      scope: row.scope,
      used: row.used,
      limit: row.limit,
      blocked_for_ms: row.blockedForMs,
    })),
  };
}
