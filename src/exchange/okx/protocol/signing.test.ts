import { describe, expect, it } from 'vitest';
import { okxTimestamp, parseOkxTimestamp, signOkx, signOkxWsLogin, verifyOkxSignature } from './signing.ts';

// The docs' example secret and timestamp; the expected signatures are OKX's recipe computed
// independently (https://www.okx.com/docs-v5/en/#overview-rest-authentication-making-requests).
const SECRET = '22582BD0CFF14C41EDBF1AB98506286D';
const TS = '2020-12-08T09:08:57.715Z';

describe('OKX signing', () => {
  it('signs a GET over the path and query as sent', () => {
    expect(signOkx(SECRET, TS, 'GET', '/api/v5/account/balance?ccy=BTC')).toBe(
      'HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=',
    );
  });

  it('signs a POST over the exact body', () => {
    const body = '{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}';
    expect(signOkx(SECRET, TS, 'POST', '/api/v5/account/set-leverage', body)).toBe(
      'eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=',
    );
  });

  it('keeps the query undecoded: %2C and a raw comma sign differently', () => {
    expect(signOkx(SECRET, TS, 'GET', '/api/v5/account/positions?instId=LTC-USDT-SWAP%2CBTC-USDT-SWAP')).toBe(
      'bug1/ix5ZjYREeUi9BNiZF6cBJN4MNugLpeReoN84U0=',
    );
    expect(signOkx(SECRET, TS, 'GET', '/api/v5/account/positions?instId=LTC-USDT-SWAP,BTC-USDT-SWAP')).toBe(
      'DZLOsIMN31bSwzSbte4gu/NZQ42wPGb9/CP/oeyHHBc=',
    );
  });

  it('signs the WebSocket login with a seconds timestamp', () => {
    expect(signOkxWsLogin(SECRET, '1538054050')).toBe('+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=');
  });

  it('verifies in constant time and refuses a tampered body', () => {
    const sign = signOkx(SECRET, TS, 'POST', '/api/v5/trade/order', '{"a":1}');
    expect(verifyOkxSignature(SECRET, sign, TS, 'POST', '/api/v5/trade/order', '{"a":1}')).toBe(true);
    expect(verifyOkxSignature(SECRET, sign, TS, 'POST', '/api/v5/trade/order', '{"a":2}')).toBe(false);
    expect(verifyOkxSignature(SECRET, 'short', TS, 'POST', '/api/v5/trade/order', '{"a":1}')).toBe(false);
  });

  it('formats and parses the ISO timestamp with milliseconds only', () => {
    expect(okxTimestamp(Date.parse(TS))).toBe(TS);
    expect(parseOkxTimestamp(TS)).toBe(Date.parse(TS));
    expect(parseOkxTimestamp('1607418537715')).toBeUndefined();
    expect(parseOkxTimestamp('2020-12-08T09:08:57Z')).toBeUndefined();
  });
});
