import { describe, expect, it } from 'vitest';
import { OkxCodes } from './codes.ts';
import { OKX_ERROR_KINDS, okxErrorKind } from './errorKinds.ts';

describe('OKX codes → error kinds', () => {
  it.each([
    ['50102', 401, 'retryable'],
    ['50011', 429, 'retryable'],
    ['50004', 400, 'unknown_outcome'],
    ['50111', 401, 'fatal'],
    ['50113', 401, 'fatal'],
    ['51000', 200, 'invalid'],
    ['51008', 200, 'rejected'],
    ['51016', 200, 'rejected'],
    ['51603', 200, 'rejected'],
    ['59000', 200, 'rejected'],
  ] as const)('%s (HTTP %d) is %s', (code, status, kind) => {
    expect(okxErrorKind(code, status).kind).toBe(kind);
  });

  it('a timestamp refusal asks for a clock resync', () => {
    expect(okxErrorKind('50102', 401).resyncClock).toBe(true);
  });

  it('an unknown code falls back on its HTTP status, then on its family', () => {
    expect(okxErrorKind('50999', 503).kind).toBe('retryable');
    expect(okxErrorKind('50109', 401).kind).toBe('fatal');
    expect(okxErrorKind('404', 404).kind).toBe('invalid');
    expect(okxErrorKind('51999', 200).kind).toBe('rejected');
  });

  it('every REST code the protocol names has a kind in the table or by its status', () => {
    for (const info of Object.values(OkxCodes)) {
      if (info.code.startsWith('6') || ['0', '1', '2'].includes(info.code)) continue;
      expect(OKX_ERROR_KINDS[info.code] ?? okxErrorKind(info.code, info.httpStatus), info.code).toBeDefined();
    }
  });
});
