import type { FastifyReply } from 'fastify';
import type { BitmartCodeInfo } from '../../../exchange/bitmart/protocol/codes.ts';
import { BitmartCodes } from '../../../exchange/bitmart/protocol/codes.ts';
import { type OkxCodeInfo, OkxCodes, withParam } from '../../../exchange/okx/protocol/codes.ts';
import type { EngineResult } from '../../engine/types.ts';

/**
 * OKX's envelope from the simulator's side (https://www.okx.com/docs-v5/en/#overview-rest-authentication):
 * `{code:"0", msg:"", data:[…]}`, errors with OKX's code and HTTP status and `data: []`, except the
 * auth and rate-limit refusals, which OKX sends without `data`.
 */
export class OkxReplyError extends Error {
  override readonly name = 'OkxReplyError';
  constructor(readonly info: OkxCodeInfo) {
    super(info.message);
  }
}

/** An item-level refusal of a trade write: answered in the item's `sCode`/`sMsg`. */
export interface ItemRefusal {
  readonly sCode: string;
  readonly sMsg: string;
}

export function refusal(info: OkxCodeInfo): ItemRefusal {
  return { sCode: info.code, sMsg: info.message };
}

export function paramError(field: string): OkxReplyError {
  return new OkxReplyError(withParam(OkxCodes.paramError, field));
}

export function sendOkxOk(reply: FastifyReply, data: readonly unknown[]): FastifyReply {
  return reply.code(200).send({ code: '0', msg: '', data });
}

export function sendOkxError(reply: FastifyReply, info: OkxCodeInfo): FastifyReply {
  const withoutData = info.httpStatus === 401 || info.httpStatus === 429;
  return reply
    .code(info.httpStatus)
    .send(withoutData ? { msg: info.message, code: info.code } : { code: info.code, msg: info.message, data: [] });
}

/** The gateway's answer to an unknown path: HTTP 404 with a numeric code (a real recorded body). */
export function sendOkxNotFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({
    code: 404,
    data: {},
    detailMsg: '',
    error_code: '404',
    error_message: 'Not Found',
    msg: 'Not Found',
  });
}

/**
 * The engine refuses in BitMart's codes (decision 0002); the OKX face answers OKX's nearest code.
 * `notFound` is the endpoint's own "no such order" code (51603 detail, 51400 cancel, 51503 amend).
 */
export function okxCodeOfEngine(error: BitmartCodeInfo, notFound: OkxCodeInfo = OkxCodes.orderNotExist): OkxCodeInfo {
  switch (error.code) {
    case BitmartCodes.orderNotExist.code:
    case BitmartCodes.orderIdNotExist.code:
    case BitmartCodes.orderStatusInvalid.code:
      return notFound;
    case BitmartCodes.balanceNotEnough.code:
    case BitmartCodes.insufficientMargin.code:
    case BitmartCodes.wouldLiquidate.code:
      return OkxCodes.insufficientBalance;
    case BitmartCodes.leverageTooLarge.code:
      return OkxCodes.leverageTooHigh;
    case BitmartCodes.leverageTooSmall.code:
    case BitmartCodes.leverageInvalid.code:
      return withParam(OkxCodes.paramError, 'lever');
    case BitmartCodes.contractNotFound.code:
    case BitmartCodes.contractOffline.code:
      return OkxCodes.instrumentUnknown;
    case BitmartCodes.clientOrderIdDuplicate.code:
      return OkxCodes.clOrdIdExists;
    case BitmartCodes.clientOrderIdNotAlphanumeric.code:
    case BitmartCodes.clientOrderIdTooLong.code:
      return withParam(OkxCodes.paramError, 'clOrdId');
    case BitmartCodes.positionNotExist.code:
    case BitmartCodes.positionClosed.code:
    case BitmartCodes.positionVolumeNotEnough.code:
      return OkxCodes.noPositionToReduce;
    case BitmartCodes.positionModeSwitchFailed.code:
      return OkxCodes.settingsBlocked;
    case BitmartCodes.precisionInvalid.code:
      return withParam(OkxCodes.paramError, 'px');
    case BitmartCodes.triggerPriceDeviation.code:
      return withParam(OkxCodes.paramError, 'triggerPx');
    default:
      return { ...OkxCodes.paramError, message: `Parameter error: ${error.message}` };
  }
}

export function unwrapOkx<T>(result: EngineResult<T>, notFound?: OkxCodeInfo): T {
  if (result.ok) return result.value;
  throw new OkxReplyError(okxCodeOfEngine(result.error, notFound));
}
