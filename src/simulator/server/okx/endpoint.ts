import type { Clock } from '../../../platform/clock/index.ts';
import type { AccountCredentials, SimEngine } from '../../engine/types.ts';
import type { Market } from '../../market/types.ts';
import type { OkxFaceState } from './OkxFaceState.ts';
import type { Fields } from './params.ts';

/** What every OKX handler works on. */
export interface OkxContext {
  readonly engine: SimEngine;
  readonly market: Market;
  readonly clock: Clock;
  readonly state: OkxFaceState;
}

export interface OkxInput {
  /** The query of a GET, the body of a POST (an array for batch endpoints). */
  readonly params: Fields;
  readonly body: unknown;
  readonly account: AccountCredentials | undefined;
  readonly receivedAtMicros: number;
}

/**
 * One endpoint under `/api/v5`. A `read` answers `data`; a `write` answers one item per order with
 * its own `sCode`/`sMsg`, and the envelope's code says whether all, some or none were accepted.
 */
export interface OkxEndpoint {
  readonly method: 'GET' | 'POST';
  /** After `/api/v5`, e.g. `/trade/order`. */
  readonly path: string;
  readonly auth: 'public' | 'private';
  readonly kind: 'read' | 'write';
  handle(input: OkxInput): readonly unknown[];
}

export function account(input: OkxInput): AccountCredentials {
  if (!input.account) throw new Error('a private OKX endpoint ran without an account');
  return input.account;
}

type Handle = (input: OkxInput) => readonly unknown[];

/** A public GET answering `data`. */
export function publicRead(path: string, handle: Handle): OkxEndpoint {
  return { method: 'GET', path, auth: 'public', kind: 'read', handle };
}

/** A private endpoint answering `data` (a POST too, where OKX answers a setting or a result). */
export function privateRead(method: 'GET' | 'POST', path: string, handle: Handle): OkxEndpoint {
  return { method, path, auth: 'private', kind: 'read', handle };
}

/** A private trade write: one item per order, each with its own `sCode`. */
export function privateWrite(path: string, handle: Handle): OkxEndpoint {
  return { method: 'POST', path, auth: 'private', kind: 'write', handle };
}
