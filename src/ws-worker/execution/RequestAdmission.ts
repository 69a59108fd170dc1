import type { Contract } from '../../exchange/port/types.ts';
import { clientOrderIdBase } from './clientOrderIds.ts';
import type { ExecutionContext } from './context.ts';
import type { RequestOutcome } from './Execution.ts';

/** A request checked and ready to be stored: how to add it, take it back, and start watching it. */
export type Admission =
  | { readonly ok: true; readonly contract: Contract; add(): void; remove(): void; begin(): void }
  | { readonly ok: false; readonly status: 400 | 409; readonly error: string };

/**
 * Accepts a request (an entry zone, a position to monitor) once: its id, and the client order id
 * base it maps to, is reserved while it is checked against the venue, so a concurrent duplicate
 * is a 409; it is durable before the answer (an accepted request survives a SIGKILL).
 */
export class RequestAdmission {
  readonly #context: ExecutionContext;
  readonly #accepted: (symbol: string) => void;
  readonly #reserved = new Set<string>();

  /** `accepted` runs once the request is stored and begun: the symbol's price is checked at once. */
  constructor(context: ExecutionContext, accepted: (symbol: string) => void) {
    this.#context = context;
    this.#accepted = accepted;
  }

  async admit(id: string, symbol: string, check: () => Promise<Admission>): Promise<RequestOutcome> {
    const { store, logger } = this.#context;
    const duplicate = { accepted: false, status: 409, error: `order ${id} already exists` } as const;
    const base = clientOrderIdBase(id);
    if (store.knows(id, base) || this.#reserved.has(base)) return duplicate;
    this.#reserved.add(base);
    try {
      const admission = await check();
      if (!admission.ok) return { accepted: false, status: admission.status, error: admission.error };
      if (store.knows(id, base)) return duplicate;
      this.#context.contracts.set(symbol, admission.contract);
      admission.add();
      try {
        await store.save();
      } catch (error) {
        admission.remove();
        throw error;
      }
      admission.begin();
      this.#accepted(symbol);
      logger.info({ id, symbol }, 'request accepted');
      return { accepted: true, id };
    } finally {
      this.#reserved.delete(base);
    }
  }
}
