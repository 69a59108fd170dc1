import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { undoCcxtRecorderStringification } from '../../fixtures/ccxtStaticRecording.ts';
import {
  listBitmartFixtures,
  listClientRequestLogs,
  readBitmartFixture,
  readClientRequestLog,
} from '../../fixtures/index.ts';
import {
  BITMART_REST_RESPONSE_SCHEMAS,
  BitmartErrorEnvelopeSchema,
  BitmartWsAccessReplySchema,
  BitmartWsClientMessageSchema,
  BitmartWsErrorReplySchema,
  BitmartWsOrderEventSchema,
  BitmartWsPongSchema,
  BitmartWsReplySchema,
  BitmartWsSubscriptionAckSchema,
  BitmartWsTradeItemSchema,
  bitmartWsChannelOf,
  bitmartWsPushSchemaFor,
} from './index.ts';

/** One value of a fixture and the schema it must satisfy. */
interface Check {
  readonly what: string;
  readonly schema: z.ZodType;
  readonly value: unknown;
}

const ObjectSchema = z.record(z.string(), z.unknown());
const PushSchema = z.looseObject({ group: z.string() });
const TranscriptSchema = z.looseObject({
  client_sent: z.array(z.unknown()),
  server_ack: z.array(z.unknown()).optional(),
  server_replies: z.array(z.unknown()).optional(),
  push: z.array(z.unknown()),
});

/** Splits "rest.contract.private.order-history.liquidate.ccxt-comment.json" into its middle parts and source. */
function partsOf(name: string): { parts: string[]; source: string } {
  const tokens = name.replace(/\.json$/, '').split('.');
  return { parts: tokens.slice(1, -1), source: tokens.at(-1) ?? '' };
}

function unmapped(name: string): never {
  throw new Error(`fixture ${name} has no schema mapping: add one to fixtures.test.ts`);
}

/** The longest registry path made of the leading name parts: [contract, public, kline, BTCUSDT-5m] → /contract/public/kline. */
function restPathOf(parts: string[]): string | undefined {
  for (let length = parts.length; length > 0; length -= 1) {
    const path = `/${parts.slice(0, length).join('/')}`;
    if (Object.hasOwn(BITMART_REST_RESPONSE_SCHEMAS, path)) return path;
  }
  return undefined;
}

function restChecks(name: string, payload: unknown): Check[] {
  const { parts, source } = partsOf(name);
  const value = source === 'ccxt-static' ? undoCcxtRecorderStringification(payload) : payload;
  if (parts.some((part) => part.startsWith('error'))) {
    return [{ what: 'error envelope', schema: BitmartErrorEnvelopeSchema, value }];
  }
  const path = restPathOf(parts) ?? unmapped(name);
  return [{ what: path, schema: BITMART_REST_RESPONSE_SCHEMAS[path] ?? unmapped(name), value }];
}

function pushCheck(name: string, push: unknown): Check {
  const { group } = PushSchema.parse(push);
  return { what: `push ${group}`, schema: bitmartWsPushSchemaFor(group) ?? unmapped(name), value: push };
}

/** JKorf's harness writes `|1|` and `|2|` where it fills in the login timestamp and signature. */
function withJkorfPlaceholdersFilled(frame: unknown): unknown {
  const text = JSON.stringify(frame)
    .replace('"|1|"', '"1589267764859"')
    .replace('"|2|"', '"3ceeb7e1b8cb165a975e28a2e2dfaca4d30b358873c0351c1a071d8c83314556"');
  return JSON.parse(text);
}

function transcriptChecks(name: string, payload: unknown): Check[] {
  const transcript = TranscriptSchema.parse(payload);
  const replies = [...(transcript.server_ack ?? []), ...(transcript.server_replies ?? [])];
  return [
    ...transcript.client_sent.map((frame) => ({
      what: 'client frame',
      schema: BitmartWsClientMessageSchema,
      value: withJkorfPlaceholdersFilled(frame),
    })),
    ...replies.map((reply) => ({ what: 'server reply', schema: BitmartWsReplySchema, value: reply })),
    ...transcript.push.map((push) => pushCheck(name, push)),
  ];
}

const ITEM_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  order: BitmartWsOrderEventSchema,
  trade: BitmartWsTradeItemSchema,
};

function docsReplySchema(key: string): z.ZodType {
  if (key.startsWith('access')) return BitmartWsAccessReplySchema;
  return key.endsWith('_ok') ? BitmartWsSubscriptionAckSchema : BitmartWsErrorReplySchema;
}

function wsChecks(name: string, payload: unknown): Check[] {
  const { parts } = partsOf(name);
  const [kind, channel, third] = parts;
  if (name === 'ws.pong.json') return [{ what: 'pong', schema: BitmartWsPongSchema, value: payload }];
  if (kind === 'ack') return [{ what: 'ack', schema: BitmartWsSubscriptionAckSchema, value: payload }];
  if (kind === 'error') return [{ what: 'error reply', schema: BitmartWsErrorReplySchema, value: payload }];
  if (kind === 'responses') {
    return Object.entries(ObjectSchema.parse(payload)).map(([key, reply]) => ({
      what: key,
      schema: docsReplySchema(key),
      value: reply,
    }));
  }
  if (TranscriptSchema.safeParse(payload).success) return transcriptChecks(name, payload);
  if (kind !== 'futures' || channel === undefined) return unmapped(name);
  if (third === 'item')
    return [{ what: `${channel} item`, schema: ITEM_SCHEMAS[channel] ?? unmapped(name), value: payload }];
  const pushes = Array.isArray(payload) ? payload : [payload];
  return pushes.map((push) => {
    const check = pushCheck(name, push);
    expect(bitmartWsChannelOf(PushSchema.parse(push).group)).toMatch(new RegExp(`^futures/${channel}$`));
    return check;
  });
}

function checksFor(name: string): Check[] {
  const payload = readBitmartFixture(name);
  if (name.startsWith('rest.')) return restChecks(name, payload);
  if (name.startsWith('ws.')) return wsChecks(name, payload);
  return unmapped(name);
}

function expectValid(check: Check): void {
  const result = check.schema.safeParse(check.value);
  expect(result.success, result.success ? check.what : `${check.what}: ${z.prettifyError(result.error)}`).toBe(true);
}

describe('recorded BitMart payloads', () => {
  const fixtures = listBitmartFixtures();

  it('are all present in the repository', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(47);
  });

  it.each(fixtures)('%s validates against the schema its name implies', (name) => {
    const checks = checksFor(name);
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) expectValid(check);
  });

  it.each(fixtures.filter((name) => name.endsWith('.ccxt-static.json')))(
    '%s is rejected as recorded, because ccxt stringified its numbers',
    (name) => {
      const path = restPathOf(partsOf(name).parts) ?? unmapped(name);
      expect(BITMART_REST_RESPONSE_SCHEMAS[path]?.safeParse(readBitmartFixture(name)).success).toBe(false);
    },
  );
});

describe('WS frames real clients sent to the recording stub', () => {
  const frames = listClientRequestLogs().flatMap((log) =>
    readClientRequestLog(log)
      .filter((entry) => entry.t === 'ws-in')
      .map((entry, index) => [`${log} frame ${index + 1}`, entry.text ?? ''] as const),
  );

  it('include subscribe, access and ping frames', () => {
    const actions = new Set(frames.map(([, text]) => ObjectSchema.parse(JSON.parse(text))['action']));
    expect([...actions].sort()).toEqual(['access', 'ping', 'subscribe']);
  });

  it.each(frames)('%s parses as a client message', (_label, text) => {
    expectValid({ what: text, schema: BitmartWsClientMessageSchema, value: JSON.parse(text) });
  });
});
