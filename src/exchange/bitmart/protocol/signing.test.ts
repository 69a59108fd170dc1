import { describe, expect, it } from 'vitest';
import { signBitmart, verifyBitmartSignature, WS_LOGIN_PAYLOAD } from './signing.ts';

// The test vectors of docs/reference/bitmart-wire.md#signing.
const key = { apiSecret: '6c6c98544461bbe71db2bca4c6d7fd0021e0ba9efc215f9c6ad41852df9d9df9', apiMemo: 'test001' };

describe('BitMart signature', () => {
  it('signs a POST body as the documentation does', () => {
    const body = '{"symbol":"BTC_USDT","price":"8600","count":"100"}';
    expect(signBitmart(key, 1589793796145, body)).toBe(
      'c31dc326bf87f38bfb49a3f8494961abfa291bd549d0d98d9578e87516cee46d',
    );
  });

  it('signs a GET query string without its question mark', () => {
    expect(signBitmart(key, '1589267764859', 'contract_id=1&category=1')).toBe(
      '6d5e774446448073f68e99c28ace86503451bed1fd44e43f80b9b518937c4ef1',
    );
  });

  it('signs the WebSocket login payload', () => {
    expect(signBitmart(key, 1589267764859, WS_LOGIN_PAYLOAD)).toBe(
      '3ceeb7e1b8cb165a975e28a2e2dfaca4d30b358873c0351c1a071d8c83314556',
    );
  });

  it('rejects a signature made with another secret or over another payload', () => {
    const good = signBitmart(key, 1, 'a=1');
    expect(verifyBitmartSignature(key, 1, 'a=1', good)).toBe(true);
    expect(verifyBitmartSignature(key, 1, 'a=2', good)).toBe(false);
    expect(verifyBitmartSignature({ ...key, apiSecret: 'other' }, 1, 'a=1', good)).toBe(false);
    expect(verifyBitmartSignature(key, 1, 'a=1', 'short')).toBe(false);
  });
});
