import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SignalKind } from '../metrics/TradingAppMetrics.ts';
import type { IngestOutcome } from '../TradingAppServices.ts';
import { ApiError, describeZodError } from './ApiError.ts';
import type { TradingAppApiDependencies } from './apiDependencies.ts';
import { checkWorkerSignature, parseJsonBody } from './signedRequests.ts';

export interface SignalSpec<T> {
  readonly kind: SignalKind;
  readonly schema: z.ZodType<T>;
  readonly ingest: (signal: T, receivedAt: Date) => Promise<IngestOutcome>;
  /** Codes for an empty or malformed body; see parseJsonBody. */
  readonly jsonErrors: { empty: string; malformed: string; codeAsMessage?: boolean };
}

/**
 * The one path of every signed POST from the worker, in the order that leaks least: signature
 * (401), JSON (400), schema (400 naming the field), then the store (500 without internals). Each
 * outcome is counted once, by kind.
 */
export async function receiveSignal<T>(
  deps: TradingAppApiDependencies,
  request: FastifyRequest,
  spec: SignalSpec<T>,
): Promise<{ signal: T; outcome: IngestOutcome }> {
  const failure = checkWorkerSignature(request, deps.sharedSecret, deps.clock.now());
  if (failure !== undefined) {
    deps.metrics.signatureFailed(failure);
    deps.metrics.signalReceived(spec.kind, 'auth_failed');
    deps.logger.warn(
      { kind: spec.kind, reason: failure, ip: request.ip },
      'worker signal refused: signature check failed',
    );
    throw new ApiError(401, 'auth_failed');
  }
  const signal = validate(deps, spec, request.rawBody);
  let outcome: IngestOutcome;
  try {
    outcome = await spec.ingest(signal, new Date(deps.clock.now()));
  } catch (error) {
    deps.metrics.signalReceived(spec.kind, 'error');
    deps.logger.error({ err: error, kind: spec.kind }, 'worker signal could not be stored');
    throw new ApiError(500, 'processing_failed');
  }
  deps.metrics.signalReceived(spec.kind, outcome.status);
  return { signal, outcome };
}

function validate<T>(deps: TradingAppApiDependencies, spec: SignalSpec<T>, raw: string): T {
  try {
    const result = spec.schema.safeParse(parseJsonBody(raw, spec.jsonErrors));
    if (!result.success) throw new ApiError(400, 'invalid_payload', describeZodError(result.error));
    return result.data;
  } catch (error) {
    deps.metrics.signalReceived(spec.kind, 'invalid');
    if (error instanceof ApiError)
      deps.logger.warn({ kind: spec.kind, problem: error.message }, 'worker signal refused');
    throw error;
  }
}
