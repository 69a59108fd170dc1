import { z } from 'zod';

/**
 * The response envelope (https://www.okx.com/docs-v5/en/#overview-rest-authentication):
 * `{"code":"0","msg":"","data":[…]}`. `code` is a string and `data` always an array on success
 * (okx-api resolves only when `code === "0"` and all three keys are there). Trade writes add
 * `inTime`/`outTime` (µs strings) and put a per-item `sCode`/`sMsg` in each `data[]` element: the
 * envelope is then `"1"` when every item failed and `"2"` when some did.
 */
export function okxEnvelope<Data extends z.ZodType>(itemSchema: Data) {
  return z.looseObject({
    code: z.literal('0'),
    msg: z.string(),
    data: z.array(itemSchema),
    inTime: z.string().optional(),
    outTime: z.string().optional(),
  });
}
export type OkxEnvelope<Data extends z.ZodType> = z.infer<ReturnType<typeof okxEnvelope<Data>>>;

/**
 * What every body carries: read first to choose a schema. Some errors have no `data` key (50102,
 * 50011 on a 429) and the gateway's 404 sends a numeric code, hence the unions.
 */
export const OkxEnvelopeHeadSchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  msg: z.string().optional(),
  data: z.unknown().optional(),
});
export type OkxEnvelopeHead = z.infer<typeof OkxEnvelopeHeadSchema>;

/** The item-level result of a trade write: `sCode` "0" = accepted (not filled). */
export const OkxItemResultSchema = z.looseObject({
  sCode: z.string(),
  sMsg: z.string(),
});
export type OkxItemResult = z.infer<typeof OkxItemResultSchema>;

/** An error envelope: `{"code":"51603","msg":"Order does not exist","data":[]}`, or without `data`. */
export const OkxErrorEnvelopeSchema = z.looseObject({
  code: z.string().refine((code) => code !== '0', 'an error envelope cannot carry code "0"'),
  msg: z.string(),
  data: z.array(z.unknown()).optional(),
});
export type OkxErrorEnvelope = z.infer<typeof OkxErrorEnvelopeSchema>;

/** The envelope code of a write whose items carry `sCode`s: "0" all accepted, "1" none, "2" some. */
export function okxBulkCode(items: readonly { readonly sCode: string }[]): '0' | '1' | '2' {
  const failed = items.filter((item) => item.sCode !== '0').length;
  if (failed === 0) return '0';
  return failed === items.length ? '1' : '2';
}
