import type { z } from 'zod';
import { errorOfKind } from '../../../platform/errors/errorOfKind.ts';
import type { ExchangeError } from '../../../platform/errors/exchangeErrors.ts';
import type { HttpAnswer } from '../../../platform/http/index.ts';
import {
  envelopeOf,
  type ResponseContext,
  retryAfterHeaderMs,
  schemaMismatchError,
  unenvelopedAnswerError,
} from '../../rest/restAnswers.ts';
import { okxErrorKind, okxErrorKindForStatus } from '../protocol/errorKinds.ts';
import { OkxEnvelopeHeadSchema, OkxItemResultSchema } from '../protocol/wire/index.ts';

/**
 * One HTTP answer → the endpoint's parsed `data` rows or an `ExchangeError` of the right kind
 * (https://www.okx.com/docs-v5/en/#overview-rest-authentication): `code` "0" is success; a trade write rejected as a whole
 * answers `code` "1" with the reason in `data[0].sCode`, which is the code that counts; a body
 * without the envelope came from something in front of OKX. Zod errors never escape.
 */
export type ParseOutcome<Row> =
  | { readonly ok: true; readonly rows: Row[] }
  | {
      readonly ok: false;
      readonly error: ExchangeError;
      readonly resyncClock: boolean;
      readonly rateLimited: boolean;
    };

/** OKX's code for "too many requests" (HTTP 429 from the gateway or 200 in the envelope). */
export const RATE_LIMIT_CODE = '50011';

export function parseOkxResponse<Row extends z.ZodType>(
  response: HttpAnswer,
  rowSchema: Row,
  context: ResponseContext,
): ParseOutcome<z.output<Row>> {
  const what = `${context.method} ${context.path}`;
  const { head } = envelopeOf(response, OkxEnvelopeHeadSchema);
  if (!head) return withoutEnvelope(response, context);
  const code = String(head.code);
  const msg = head.msg ?? '';
  const rows = Array.isArray(head.data) ? head.data : [];
  if (code !== '0') {
    // The item's own code says why a write failed; the envelope's "1" only says that it did.
    const item = OkxItemResultSchema.safeParse(rows[0]);
    const itemCode = item.success && item.data.sCode !== '' && item.data.sCode !== '0' ? item.data.sCode : undefined;
    return venueError(response, itemCode ?? code, itemCode && item.success ? item.data.sMsg : msg, context, what);
  }
  const parsed = rows.map((row) => rowSchema.safeParse(row));
  const failure = parsed.find((result) => !result.success);
  if (!failure) return { ok: true, rows: parsed.map((result) => result.data as z.output<Row>) };
  const error = schemaMismatchError(context, 'OKX', failure.error?.issues ?? []);
  return { ok: false, error, resyncClock: false, rateLimited: false };
}

/** The first item's own outcome on a trade write answered "0" as a whole but refused item-wise. */
export function itemError(sCode: string, sMsg: string, context: ResponseContext): ExchangeError | undefined {
  if (sCode === '' || sCode === '0') return undefined;
  const outcome = venueError(
    { status: 200, headers: {}, bodyText: '' },
    sCode,
    sMsg,
    context,
    `${context.method} ${context.path}`,
  );
  return outcome.error;
}

function venueError(
  response: HttpAnswer,
  code: string,
  message: string,
  context: ResponseContext,
  what: string,
): ParseOutcome<never> & { ok: false } {
  const rateLimited = code === RATE_LIMIT_CODE || response.status === 429;
  let rule = okxErrorKind(code, response.status);
  // A system error (50026) on a write may hide a processed request.
  if (code === '50026' && context.method === 'POST') rule = { kind: 'unknown_outcome' };
  const numeric = Number(code);
  const error = errorOfKind(rule, `${what} refused by OKX: ${code} ${message}`, {
    venue: { code: Number.isFinite(numeric) ? numeric : -1, message },
    retryAfterMs: retryAfterHeaderMs(response),
    clientOrderId: context.clientOrderId,
  });
  return { ok: false, error, resyncClock: rule.resyncClock === true, rateLimited };
}

/** A body without OKX's envelope: the status says it (restAnswers.ts); the gateway's 404 is a wrong URL, ours. */
function withoutEnvelope(response: HttpAnswer, context: ResponseContext): ParseOutcome<never> {
  const error = unenvelopedAnswerError(response, context, {
    envelope: 'an OKX envelope',
    statusRule: okxErrorKindForStatus(response.status),
    retryAfterMs: retryAfterHeaderMs(response),
  });
  return { ok: false, error, resyncClock: false, rateLimited: response.status === 429 };
}
