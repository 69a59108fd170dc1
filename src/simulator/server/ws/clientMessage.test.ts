import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './clientMessage.ts';

describe('client WebSocket messages', () => {
  it('recognises the bare text ping', () => {
    expect(parseClientMessage('ping')).toEqual({ kind: 'textPing' });
  });

  it('parses the frames bitmart-api and ccxt send', () => {
    const login = '{"action":"access","args":["testkey","1795248440486","269e16","web"]}';
    expect(parseClientMessage(login)).toEqual({
      kind: 'request',
      request: { action: 'access', args: ['testkey', '1795248440486', '269e16', 'web'] },
    });
    expect(parseClientMessage('{"action":"ping"}')).toEqual({ kind: 'request', request: { action: 'ping', args: [] } });
  });

  it('reads a numeric login timestamp as its decimal text', () => {
    const message = parseClientMessage('{"action":"access","args":["k",1795248440486,"s","web"]}');
    expect(message).toMatchObject({ kind: 'request', request: { args: ['k', '1795248440486', 's', 'web'] } });
  });

  it('reports text that is not JSON, or JSON that is not a request, as malformed', () => {
    expect(parseClientMessage('{nope')).toMatchObject({ kind: 'malformed' });
    expect(parseClientMessage('[1,2]')).toMatchObject({ kind: 'malformed' });
    expect(parseClientMessage('{"action":"subscribe","args":[{"a":1}]}')).toMatchObject({ kind: 'malformed' });
  });

  it('refuses args longer than 4096 bytes in total', () => {
    const args = Array.from({ length: 200 }, (_, index) => `futures/klineBin1m:SYMBOL${index}USDT`);
    const message = parseClientMessage(JSON.stringify({ action: 'subscribe', args }));
    expect(message.kind).toBe('argsTooLong');
    const fits = parseClientMessage(JSON.stringify({ action: 'subscribe', args: args.slice(0, 20) }));
    expect(fits.kind).toBe('request');
  });
});
