import { z } from 'zod';
import type { Clock } from '../../../platform/clock/index.ts';
import { toWire } from '../../../platform/decimal/index.ts';
import type { Endpoint } from '../endpoint.ts';
import { decimalParam, intParam, isDecimalPositive, parseParams } from '../params.ts';

/**
 * Spot ↔ futures transfers (docs/reference/bitmart-wire.md#transfers; SIGNED POSTs that clients send to
 * either host). The simulator has no spot wallet, so a transfer is recorded as FINISHED and
 * answered, but moves no balance: the engine exposes no transfer, and crediting USDT from
 * nowhere would break its ledger (every balance change is a ledger row).
 */

const TransferBody = z.object({
  currency: z.string().min(1).default('USDT'),
  amount: decimalParam.refine(isDecimalPositive, 'amount must be positive'),
  type: z.enum(['spot_to_contract', 'contract_to_spot']),
});
const TransferListBody = z.object({
  page: intParam.pipe(z.number().min(1)).default(1),
  limit: intParam.pipe(z.number().min(1).max(100)).default(10),
  currency: z.string().min(1).optional(),
  time_start: intParam.optional(),
  time_end: intParam.optional(),
});

interface TransferRecord {
  readonly transfer_id: string;
  readonly currency: string;
  readonly amount: string;
  readonly type: 'spot_to_contract' | 'contract_to_spot';
  readonly state: 'FINISHED';
  readonly timestamp: number;
}

export function transferEndpoints(clock: Clock): Endpoint[] {
  const records = new Map<string, TransferRecord[]>();
  let nextId = 900_000_000_000_000_000n;
  return [
    {
      method: 'POST',
      path: '/account/v1/transfer-contract',
      auth: 'signed',
      handle: ({ account, body }) => {
        const request = parseParams(TransferBody, body);
        nextId += 1n;
        const record: TransferRecord = {
          transfer_id: String(nextId),
          currency: request.currency,
          amount: toWire(request.amount),
          type: request.type,
          state: 'FINISHED',
          timestamp: clock.now(),
        };
        records.set(account.accountId, [record, ...(records.get(account.accountId) ?? [])]);
        return { currency: record.currency, amount: record.amount };
      },
    },
    {
      method: 'POST',
      path: '/account/v1/transfer-contract-list',
      auth: 'signed',
      handle: ({ account, body }) => {
        const request = parseParams(TransferListBody, body);
        const matching = (records.get(account.accountId) ?? []).filter(
          (record) =>
            (request.currency === undefined || record.currency === request.currency) &&
            (request.time_start === undefined || record.timestamp >= request.time_start) &&
            (request.time_end === undefined || record.timestamp <= request.time_end),
        );
        const from = (request.page - 1) * request.limit;
        return { records: matching.slice(from, from + request.limit) };
      },
    },
  ];
}
