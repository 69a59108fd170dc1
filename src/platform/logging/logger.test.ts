import { describe, expect, it } from 'vitest';
import { WORKER_SIGNATURE_HEADER } from '../hmac/workerSignature.ts';
import { createLogger } from './logger.ts';

const SECRET = 'S3cr3t-value-never-logged';

/** A logger at `trace` whose JSON lines are kept. */
function capturing(): { logger: ReturnType<typeof createLogger>; text: () => string } {
  const lines: string[] = [];
  const logger = createLogger({ name: 'test', level: 'trace', destination: { write: (line) => lines.push(line) } });
  return { logger, text: () => lines.join('') };
}

describe('createLogger', () => {
  it('writes no secret the platform names: config fields, signing headers, bearer tokens', () => {
    const { logger, text } = capturing();
    logger.info({
      apiSecret: SECRET,
      config: { apiSecret: SECRET, secret: SECRET, sharedSecret: SECRET, token: SECRET },
      headers: { 'x-bm-sign': SECRET, authorization: `Bearer ${SECRET}` },
      req: { headers: { [WORKER_SIGNATURE_HEADER]: SECRET, authorization: `Bearer ${SECRET}` } },
    });
    expect(text()).not.toContain(SECRET);
    expect(text().match(/\[redacted\]/g)?.length).toBe(9);
  });
});
