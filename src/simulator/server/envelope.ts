import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { BITMART_OK, type BitmartCodeInfo } from '../../exchange/bitmart/protocol/codes.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { EngineResult } from '../engine/types.ts';

/**
 * BitMart's response envelope (docs/reference/bitmart-wire.md#envelope, #what-clients-depend-on). Success is
 * `{code:1000, message:"Ok"|"OK", data, trace}`; an error is `{code, message, trace, data:{}}`
 * sent with the HTTP status that BitMart pairs with the code (bitmart-wire.md#codes).
 */

/** A request that BitMart would refuse with `info`; thrown by parsers and handlers, answered by the route wrapper. */
export class BitmartReplyError extends Error {
  override readonly name = 'BitmartReplyError';
  constructor(
    readonly info: BitmartCodeInfo,
    /** Replaces the table's message when the engine or a parser said something more precise. */
    message: string = info.message,
  ) {
    super(message);
  }
}

/** Turns an engine rejection into a reply error, passing its code, message and status through unchanged. */
export function unwrap<T>(result: EngineResult<T>): T {
  if (result.ok) return result.value;
  throw new BitmartReplyError(result.error, result.error.message);
}

/**
 * ccxt rejects any message but ok/success, and BitMart spells it "OK" on system, account and spot
 * paths (bitmart-wire.md#envelope).
 */
export function okMessageFor(path: string): 'Ok' | 'OK' {
  return /^\/(system|account|spot)\//.test(path) ? 'OK' : 'Ok';
}

/** Trace ids shaped like BitMart's `<32 hex>.<n>.<n>`; clients never parse them, so only the shape matters. */
export class TraceIds {
  readonly #clock: Clock;
  readonly #node = randomBytes(16).toString('hex');
  #sequence = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  next(): string {
    this.#sequence = (this.#sequence + 1) % 10_000;
    return `${this.#node}.${(this.#sequence % 97) + 1}.${this.#clock.now()}${String(this.#sequence).padStart(4, '0')}`;
  }
}

export function sendOk(reply: FastifyReply, path: string, data: unknown, trace: string): FastifyReply {
  return reply.code(200).send({ code: BITMART_OK, message: okMessageFor(path), data, trace });
}

export function sendBitmartError(
  reply: FastifyReply,
  info: BitmartCodeInfo,
  trace: string,
  message: string = info.message,
): FastifyReply {
  return reply.code(info.httpStatus).send({ code: info.code, message, trace, data: {} });
}
