import { exponentialDelay } from '../../../platform/backoff/backoff.ts';

/**
 * The timing rules of a BitMart futures WebSocket connection (docs/reference/bitmart-wire.md#websocket-connection,
 * #heartbeat), in one place so the numbers and their reasons are read together.
 */

/**
 * Topics per subscribe request: bitmart-api batches 20, ccxt refuses more than 20
 * (bitmart-wire.md#websocket-connection; `SUBSCRIBE_BATCH`).
 */
export const DEFAULT_SUBSCRIBE_BATCH = 20;
/** Pause between two subscribe requests, so a resubscription of hundreds of topics is not a burst (seeds SUBSCRIBE_DELAY_MS). */
export const DEFAULT_SUBSCRIBE_DELAY_MS = 200;
/** BitMart closes a link idle for 20 s; a ping every 15 s keeps it open (seeds PING_INTERVAL_S). */
export const DEFAULT_PING_INTERVAL_MS = 15_000;
/** First reconnect delay (seeds RECONNECT_DELAY_S); it doubles per failed attempt. */
export const DEFAULT_RECONNECT_DELAY_MS = 5_000;
/** No reconnect waits longer than this, however many attempts failed. */
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 60_000;
/** The total length of `args` in one request must not exceed 4096 bytes (bitmart-wire.md#websocket-connection). */
export const MAX_ARGS_BYTES = 4096;
/**
 * Added to two ping intervals to form the silence threshold: room for the network and a busy
 * event loop on top of one missed pong.
 */
export const SILENCE_MARGIN_MS = 5_000;

/**
 * How long a connection may go without receiving anything before it is declared dead. Every ping
 * is answered within about a second, so silence over two ping intervals means two pongs were
 * missed: the link is stalled even if TCP still says open (the silent stall ccxt and freqtrade
 * users report most). Default 2 × 15 s + 5 s = 35 s, a little above ccxt's 30 s pong timeout.
 */
export function silenceTimeoutFor(pingIntervalMs: number): number {
  return 2 * pingIntervalMs + SILENCE_MARGIN_MS;
}

/**
 * The wait before reconnect attempt `attempt` (0 for the first): exponential from `baseMs`,
 * capped at `maxMs`, with equal jitter (between half and all of it): see `exponentialDelay`.
 */
export function reconnectDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  return exponentialDelay(attempt, { baseMs, maxMs, equalJitter: { random } });
}
