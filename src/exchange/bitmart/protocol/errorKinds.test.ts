import { describe, expect, it } from 'vitest';
import { BitmartCodes } from './codes.ts';
import { BITMART_ERROR_KINDS, bitmartErrorKind } from './errorKinds.ts';

describe('BitMart error kinds', () => {
  it.each(Object.entries(BitmartCodes))('classifies %s explicitly', (_name, info) => {
    expect(BITMART_ERROR_KINDS[info.code]).toBeDefined();
  });

  it.each([
    [30002, 401, 'fatal'],
    [30005, 401, 'fatal'],
    [30007, 401, 'retryable'],
    [30013, 429, 'retryable'],
    [30018, 503, 'invalid'],
    [40007, 400, 'invalid'],
    [40012, 500, 'rejected'],
    [40027, 400, 'rejected'],
    [40034, 400, 'invalid'],
    [40035, 400, 'rejected'],
    [40037, 400, 'rejected'],
    [40040, 400, 'invalid'],
    [40049, 403, 'invalid'],
    [40050, 403, 'rejected'],
    [42000, 400, 'rejected'],
    [49998, 400, 'invalid'],
  ])('code %i (HTTP %i) is %s', (code, status, kind) => {
    expect(bitmartErrorKind(code, status).kind).toBe(kind);
  });

  it('asks for a clock resync on the timestamp codes only', () => {
    expect(bitmartErrorKind(30007, 401).resyncClock).toBe(true);
    expect(bitmartErrorKind(40039, 400).resyncClock).toBe(true);
    expect(bitmartErrorKind(30005, 401).resyncClock).toBeUndefined();
  });

  it.each([
    [39999, 401, 'fatal'],
    [39998, 403, 'fatal'],
    [40999, 429, 'retryable'],
    [40998, 502, 'retryable'],
    [40997, 400, 'rejected'],
  ])('falls back on the HTTP status for an unknown code %i (HTTP %i → %s)', (code, status, kind) => {
    expect(bitmartErrorKind(code, status).kind).toBe(kind);
  });
});
