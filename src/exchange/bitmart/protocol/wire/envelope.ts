import { z } from 'zod';

/**
 * The REST response envelope (docs/reference/bitmart-wire.md#envelope): `{code, message, data?, trace?}`.
 *
 * Success is the JSON **number** 1000 with message "Ok" (contract endpoints) or "OK" (system and
 * account endpoints). Both rules are ones real clients enforce: bitmart-api treats any numeric
 * code other than 1000 as an error, and ccxt throws on a message that is not ok/success
 * (case-insensitive), so the simulator must meet them too.
 */

export const BITMART_SUCCESS_CODE = 1000;

const SUCCESS_MESSAGE = /^(ok|success)$/i;

/** `trace` is a request id (a UUID or a dotted hex string); clients never parse it. */
const traceSchema = z.string().optional();

/** A success envelope around `data`; pass an optional schema for endpoints that may omit `data`. */
export function bitmartEnvelope<Data extends z.ZodType>(dataSchema: Data) {
  return z.looseObject({
    code: z.literal(BITMART_SUCCESS_CODE),
    message: z.string().regex(SUCCESS_MESSAGE, 'expected "Ok" or "OK" on a success'),
    data: dataSchema,
    trace: traceSchema,
  });
}

/** The parsed success envelope for a data schema: `BitmartEnvelope<typeof BitmartServerTimeSchema>`. */
export type BitmartEnvelope<Data extends z.ZodType> = z.infer<ReturnType<typeof bitmartEnvelope<Data>>>;

/**
 * An error envelope: `{"code":40040,"message":"Invalid Leverage","trace":"…"}`, sometimes with
 * `"data":{}` or `"data":null`. One real 49998 error also carries `"errno":"OK"` (a field of
 * another BitMart service leaking through), hence the loose object and the optional `errno`.
 */
export const BitmartErrorEnvelopeSchema = z.looseObject({
  code: z
    .number()
    .int()
    .refine((code) => code !== BITMART_SUCCESS_CODE, 'an error envelope cannot carry the success code'),
  message: z.string(),
  data: z.union([z.null(), z.looseObject({})]).optional(),
  trace: traceSchema,
  errno: z.string().optional(),
});
export type BitmartErrorEnvelope = z.infer<typeof BitmartErrorEnvelopeSchema>;

/** The code and message every body carries, success or not; read first to pick a schema. */
export const BitmartEnvelopeHeadSchema = z.looseObject({
  code: z.number().int(),
  message: z.string(),
  trace: traceSchema,
});
export type BitmartEnvelopeHead = z.infer<typeof BitmartEnvelopeHeadSchema>;

/** Data of endpoints that acknowledge without a payload: `{}` or, in a real sample, no key at all. */
export const BitmartEmptyDataSchema = z.looseObject({}).optional();
export type BitmartEmptyData = z.infer<typeof BitmartEmptyDataSchema>;
