import { createHash } from 'node:crypto';

/**
 * Client order ids of the orders a request gives rise to. BitMart takes 1–32 letters or digits
 * (docs/reference/bitmart-wire.md#submit-order, codes 40048/40049). A request id that already is one is the *base*
 * unchanged, so the first entry order carries the caller's own id. Any other id (the seeds'
 * `test-order-123`) maps to its letters and digits plus a hash of the whole id: deterministic
 * (a restart finds the same orders) and distinct for distinct ids (the store refuses a request
 * whose base another request already holds). Later attempts and the closes add a suffix; when
 * the base is too long for it, a hash prefix keeps the result unique and stable.
 */
const MAX_LENGTH = 32;
const VALID = /^[A-Za-z0-9]{1,32}$/;
/** Letters and digits kept from a mapped id: room for the hash and for the longest suffix. */
const KEPT_CHARACTERS = 16;
const HASH_CHARACTERS = 10;

export function clientOrderIdBase(requestId: string): string {
  if (VALID.test(requestId)) return requestId;
  const kept = requestId.replace(/[^A-Za-z0-9]/g, '').slice(0, KEPT_CHARACTERS);
  return `${kept}${digest(requestId).slice(0, HASH_CHARACTERS)}`;
}

/** Entry attempt n: the base itself, then `<base>r<n>`. */
export function entryClientOrderId(base: string, attempt: number): string {
  return attempt <= 1 ? base : suffixed(base, `r${attempt}`);
}

/**
 * Close attempt n, part k of a close split above the market maximum: `<base>c<n>`, `<base>c<n>p<k>`.
 * An attempt that closes a target's part only (TP1 of two) says so: `<base>c<n>t<target>`, so a
 * restart that finds it unrecorded knows it did not close the whole position.
 */
export function closeClientOrderId(base: string, attempt: number, part = 1, target?: number): string {
  const of = target === undefined ? '' : `t${target}`;
  return suffixed(base, part <= 1 ? `c${attempt}${of}` : `c${attempt}${of}p${part}`);
}

/**
 * The n-th exchange-side stop the worker places for a request: a monitored position's own stop, or
 * the stop moved after TP1 (the entry's first stop is its preset, which has no client order id).
 */
export function stopClientOrderId(base: string, n: number): string {
  return suffixed(base, `s${n}`);
}

/**
 * Target `target`'s n-th exchange-side take-profit order: `<base>t<target>`, then
 * `<base>t<target>v<n>` when a larger filled size re-places it (a venue never takes a client order
 * id twice).
 */
export function targetClientOrderId(base: string, target: number, n: number): string {
  return suffixed(base, n <= 1 ? `t${target}` : `t${target}v${n}`);
}

/**
 * The n-th position-level take-profit the worker places to replace a position's last target
 * (`POST /api/positions/:id/protections`): `<base>f<n>`. The entry's own last target is its
 * preset, which has no client order id.
 */
export function finalTargetClientOrderId(base: string, n: number): string {
  return suffixed(base, `f${n}`);
}

/**
 * Part k of a close the control API sends for request `requestId` (the dashboard's close or
 * flatten) of a position the worker does not manage: `<base>m<k>` over a base of the request, the
 * symbol and the side, so the same request sent again names the same orders and never closes twice.
 */
export function manualCloseClientOrderId(requestId: string, symbol: string, side: string, part: number): string {
  return suffixed(clientOrderIdBase(`${requestId}:${symbol}:${side}`), `m${part}`);
}

function suffixed(base: string, suffix: string): string {
  if (base.length + suffix.length <= MAX_LENGTH) return `${base}${suffix}`;
  return `${digest(base).slice(0, MAX_LENGTH - suffix.length)}${suffix}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
