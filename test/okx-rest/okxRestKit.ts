import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { parseOkxResponse } from '../../src/exchange/okx/rest/parseResponse.ts';

const DIR = join(import.meta.dirname, '../../src/exchange/okx/fixtures');

/** A recorded OKX body (unwrapped when the file wraps it). */
export function okxFixture(name: string): unknown {
  const parsed = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { response?: unknown };
  return parsed.response ?? parsed;
}

export function okxFixtureText(name: string): string {
  return JSON.stringify(okxFixture(name));
}

/** A fixture's rows as our client parses them (envelope, then the row schema). */
export function rowsOf<Row extends z.ZodType>(name: string, schema: Row, status = 200): z.output<Row>[] {
  const outcome = parseOkxResponse({ status, headers: {}, bodyText: okxFixtureText(name) }, schema, {
    method: 'GET',
    path: `/fixture/${name}`,
    clientOrderId: undefined,
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.rows;
}
