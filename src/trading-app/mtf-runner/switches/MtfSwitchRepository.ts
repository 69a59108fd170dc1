import { asc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../../../platform/clock/index.ts';
import type { StoreDatabase } from '../../store/openDatabase.ts';
import { mtfSwitches } from '../../store/schema.ts';
import type { SwitchState } from './switchKeys.ts';

/**
 * A switch as the API shows it (docs/reference/seed-contracts.md#mtf-routes `/api/mtf/switches`), plus
 * its expiry and effective state.
 */
export interface SwitchView {
  readonly id: number;
  readonly key: string;
  readonly is_on: boolean;
  /** What the runner applies now: an expired OFF counts as ON. */
  readonly effective_on: boolean;
  readonly description: string | null;
  readonly expires_at: string | null;
  readonly updated_at: string;
}

export interface SetSwitch {
  readonly key: string;
  readonly isOn: boolean;
  readonly expiresAt: number | null;
  readonly description?: string | undefined;
}

/**
 * The `mtf_switch` table: shared by every process, unlike the original's in-memory global switch
 * (docs/reference/original-system.md#bug-memory-switch).
 */
export class MtfSwitchRepository {
  readonly #db: StoreDatabase;
  readonly #clock: Clock;

  constructor(db: StoreDatabase, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async states(): Promise<SwitchState[]> {
    const rows = await this.#db
      .select({ key: mtfSwitches.switchKey, isOn: mtfSwitches.isOn, expiresAt: mtfSwitches.expiresAt })
      .from(mtfSwitches);
    return rows.map((row) => ({ key: row.key, isOn: row.isOn, expiresAt: row.expiresAt?.getTime() ?? null }));
  }

  async list(): Promise<SwitchView[]> {
    const rows = await this.#db.select().from(mtfSwitches).orderBy(asc(mtfSwitches.switchKey));
    return rows.map((row) => this.#view(row));
  }

  /** Creates or replaces the switch of `key` (one upsert, so two writers never make two rows). */
  async set(input: SetSwitch): Promise<SwitchView> {
    const now = new Date(this.#clock.now());
    const expiresAt = input.expiresAt === null ? null : new Date(input.expiresAt);
    const [row] = await this.#db
      .insert(mtfSwitches)
      .values({
        switchKey: input.key,
        isOn: input.isOn,
        expiresAt,
        description: input.description ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: mtfSwitches.switchKey,
        set: {
          isOn: input.isOn,
          expiresAt,
          updatedAt: now,
          ...(input.description === undefined ? {} : { description: input.description }),
        },
      })
      .returning();
    return this.#view(row as typeof mtfSwitches.$inferSelect);
  }

  /**
   * Flips the EFFECTIVE state: an expired OFF is ON, so toggling it turns it off again (for good).
   * The expiry is cleared either way. Undefined when there is no such switch.
   */
  async toggle(id: number): Promise<SwitchView | undefined> {
    const now = new Date(this.#clock.now());
    const [row] = await this.#db
      .update(mtfSwitches)
      .set({
        isOn: sql`not (${mtfSwitches.isOn} or (${mtfSwitches.expiresAt} is not null and ${mtfSwitches.expiresAt} <= ${now}))`,
        expiresAt: null,
        updatedAt: now,
      })
      .where(eq(mtfSwitches.id, id))
      .returning();
    return row ? this.#view(row) : undefined;
  }

  async count(): Promise<number> {
    const [row] = await this.#db.select({ count: sql<number>`count(*)::int` }).from(mtfSwitches);
    return row?.count ?? 0;
  }

  #view(row: typeof mtfSwitches.$inferSelect): SwitchView {
    const now = this.#clock.now();
    const expired = row.expiresAt !== null && row.expiresAt.getTime() <= now;
    return {
      id: row.id,
      key: row.switchKey,
      is_on: row.isOn,
      effective_on: row.isOn || expired,
      description: row.description,
      expires_at: row.expiresAt?.toISOString() ?? null,
      updated_at: row.updatedAt.toISOString(),
    };
  }
}
