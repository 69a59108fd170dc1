import { describe, expect, it } from 'vitest';
import { findUnstorableText, parseJsonText } from './jsonText.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseJsonText', () => {
  it('parses JSON whose text PostgreSQL can store', () => {
    expect(parseJsonText('{"a":[1,"é😀",{"b":null}]}')).toEqual({ ok: true, value: { a: [1, 'é😀', { b: null }] } });
  });

  it('refuses text that is not JSON', () => {
    expect(parseJsonText('{"a":')).toEqual({ ok: false, reason: 'not_json', problem: 'body is not JSON' });
  });

  it('refuses nesting deeper than the limit before parsing it, brackets inside strings aside', () => {
    expect(parseJsonText(nested(32)).ok).toBe(true);
    expect(parseJsonText(nested(33))).toEqual({
      ok: false,
      reason: 'too_deep',
      problem: 'body nests deeper than 32 levels',
    });
    expect(parseJsonText(nested(20_000))).toEqual({
      ok: false,
      reason: 'too_deep',
      problem: 'body nests deeper than 32 levels',
    });
    expect(parseJsonText(JSON.stringify({ note: '['.repeat(100), quote: '\\"[[[' })).ok).toBe(true);
  });

  it('names the string or key holding a NUL or an unpaired surrogate', () => {
    expect(parseJsonText('{"context":{"note":"a\\u0000b"}}')).toEqual({
      ok: false,
      reason: 'unstorable_text',
      problem: 'context.note: contains a NUL character',
    });
    expect(parseJsonText('{"list":["ok","\\ud800"]}')).toEqual({
      ok: false,
      reason: 'unstorable_text',
      problem: 'list[1]: contains an unpaired UTF-16 surrogate (not valid Unicode)',
    });
    expect(parseJsonText('{"\\udc00":1}', 'request body')).toEqual({
      ok: false,
      reason: 'unstorable_text',
      problem: 'request body: a key contains an unpaired UTF-16 surrogate (not valid Unicode)',
    });
  });
});

describe('findUnstorableText', () => {
  it('checks query values too, and accepts paired surrogates', () => {
    expect(findUnstorableText({ lock_key: 'a\u0000' }, 'query')).toBe('lock_key: contains a NUL character');
    expect(findUnstorableText({ symbol: 'BTC😀' }, 'query')).toBeUndefined();
  });
});
