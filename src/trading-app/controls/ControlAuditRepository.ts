import { desc, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock/index.ts';
import type { StoreDatabase } from '../store/openDatabase.ts';
import { controlAudit } from '../store/schema.ts';

export type ControlOutcome = 'pending' | 'ok' | 'refused' | 'failed';

/** Who asked: the name they gave (`actor`) and where the request came from. */
export interface ControlCaller {
  readonly actor: string;
  readonly address: string | undefined;
}

/** What was answered, kept so a request sent again with its `request_id` gets the same answer. */
export interface ControlAnswer {
  readonly http_status: number;
  readonly code: string | null;
  readonly message: string | null;
  readonly data: unknown;
}

/** A control record as `GET /api/audit` and the `audit` event show it. */
export interface AuditRecordView {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly address: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly request: unknown;
  readonly request_id: string | null;
  readonly outcome: ControlOutcome;
  readonly detail: ControlAnswer | null;
  readonly finished_at: string | null;
}

export interface ControlStart {
  readonly caller: ControlCaller;
  readonly action: string;
  readonly target: string | null;
  readonly request: unknown;
  readonly requestId: string | undefined;
}

/** `begun`: a new record; `seen`: its `request_id` names an earlier one (which is returned instead). */
export type BeginResult =
  | { readonly status: 'begun'; readonly record: AuditRecordView }
  | { readonly status: 'seen'; readonly record: AuditRecordView };

/**
 * The `control_audit` table: a record is written `pending` before a control acts and finished with
 * its outcome after, so a control cut short by a crash is still on record.
 */
export class ControlAuditRepository {
  readonly #db: StoreDatabase;
  readonly #clock: Clock;

  constructor(db: StoreDatabase, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async begin(start: ControlStart): Promise<BeginResult> {
    const [row] = await this.#db
      .insert(controlAudit)
      .values({
        at: new Date(this.#clock.now()),
        actor: start.caller.actor,
        address: start.caller.address ?? null,
        action: start.action,
        target: start.target,
        request: start.request ?? {},
        requestId: start.requestId ?? null,
        outcome: 'pending',
      })
      .onConflictDoNothing({ target: controlAudit.requestId })
      .returning();
    if (row) return { status: 'begun', record: viewOf(row) };
    const [earlier] = await this.#db
      .select()
      .from(controlAudit)
      .where(eq(controlAudit.requestId, start.requestId ?? ''));
    if (!earlier) throw new Error(`control_audit: request id ${start.requestId} neither inserted nor found`);
    return { status: 'seen', record: viewOf(earlier) };
  }

  async finish(
    id: number,
    outcome: Exclude<ControlOutcome, 'pending'>,
    answer: ControlAnswer,
  ): Promise<AuditRecordView> {
    const [row] = await this.#db
      .update(controlAudit)
      .set({ outcome, detail: answer, finishedAt: new Date(this.#clock.now()) })
      .where(eq(controlAudit.id, id))
      .returning();
    if (!row) throw new Error(`control_audit: no record ${id}`);
    return viewOf(row);
  }

  /** In one step: a control that acted synchronously (a switch set through its own route). */
  async record(start: ControlStart, outcome: Exclude<ControlOutcome, 'pending'>, answer: ControlAnswer) {
    const begun = await this.begin(start);
    return begun.status === 'begun' ? this.finish(begun.record.id, outcome, answer) : begun.record;
  }

  /** Newest first. */
  async list(limit: number): Promise<AuditRecordView[]> {
    const rows = await this.#db
      .select()
      .from(controlAudit)
      .orderBy(desc(controlAudit.at), desc(controlAudit.id))
      .limit(limit);
    return rows.map(viewOf);
  }
}

function viewOf(row: typeof controlAudit.$inferSelect): AuditRecordView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    address: row.address,
    action: row.action,
    target: row.target,
    request: row.request,
    request_id: row.requestId,
    outcome: row.outcome,
    detail: (row.detail as ControlAnswer | null) ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}
