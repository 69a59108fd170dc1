import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Order, OrderStatus } from '../../exchange/port/types.ts';
import { unlinkIfPresent, writeFileAtomically } from '../../platform/files/atomicWrite.ts';
import { DirectorySync } from '../../platform/files/DirectorySync.ts';
import type { SnapshotStorage } from '../state/SnapshotStorage.ts';

const FILE_NAME = 'told-orders.json';
/** Finished orders remembered so a re-read of the venue's history does not tell them again. */
const FINISHED_CAPACITY = 5_000;
/** Symbols whose history is read after a gap: the most recently active ones. */
const SYMBOL_CAPACITY = 50;

/** How far along an order is; a state told never goes back (the app's rule too). */
const RANK: Readonly<Record<OrderStatus, number>> = {
  pending: 1,
  open: 1,
  partially_filled: 2,
  filled: 3,
  canceled: 3,
};

const ToldOrderSchema = z.strictObject({
  symbol: z.string(),
  clientOrderId: z.string(),
  status: z.enum(['pending', 'open', 'partially_filled', 'filled', 'canceled']),
  filledSize: z.string(),
});
export type ToldOrder = z.infer<typeof ToldOrderSchema>;

/** Pairs in change order, not objects: an object would reorder ids that look like integers. */
const SnapshotSchema = z.strictObject({
  version: z.literal(1),
  watermark: z.number().nullable(),
  orders: z.array(z.tuple([z.string(), ToldOrderSchema])),
  symbols: z.array(z.tuple([z.string(), z.number()])),
});

/**
 * What the app was last told of each order (docs/decisions/0014), durable across restarts: the
 * state of every order whose last signal was not final, the finished ones recently told, the
 * symbols recently traded, and the watermark: every venue event before it has been told (its
 * signal is in the outbox or delivered). After a gap the worker compares the venue with this
 * record and tells only the difference. One JSON snapshot, replaced atomically; a crash loses at
 * most the changes since the last `persist()`, which the next comparison tells again under the
 * same trace ids (the app drops the duplicates).
 */
export class ToldOrders {
  readonly #directory: string;
  readonly #directorySync: DirectorySync;
  /** Insertion order = order of the last change: finished orders are evicted oldest first. */
  readonly #orders = new Map<string, ToldOrder>();
  #finished = 0;
  readonly #symbols = new Map<string, number>();
  #watermark: number | undefined;
  #dirty = false;
  #writes = 0;
  #chain: Promise<void> = Promise.resolve();

  readonly #storage: SnapshotStorage | undefined;

  /** `storage`: the record on PostgreSQL instead of a file in `directory` (decision 0037). */
  constructor(directory: string, storage?: SnapshotStorage) {
    this.#directory = directory;
    this.#directorySync = new DirectorySync(directory);
    this.#storage = storage;
  }

  async load(): Promise<void> {
    const text = this.#storage ? await this.#storage.read() : await this.#readFile();
    if (text === undefined) return;
    const snapshot = SnapshotSchema.parse(JSON.parse(text));
    this.#watermark = snapshot.watermark ?? undefined;
    for (const [orderId, told] of snapshot.orders) this.#set(orderId, told);
    for (const [symbol, at] of snapshot.symbols) this.#symbols.set(symbol, at);
  }

  async #readFile(): Promise<string | undefined> {
    await mkdir(this.#directory, { recursive: true, mode: 0o750 });
    // A write a crash interrupted left its temporary file: the snapshot beside it is whole.
    for (const name of await readdir(this.#directory)) {
      if (name.startsWith(`${FILE_NAME}.`) && name.endsWith('.tmp')) await unlinkIfPresent(join(this.#directory, name));
    }
    try {
      return await readFile(join(this.#directory, FILE_NAME), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Every venue event before this (Unix ms) has been told; undefined before the first catch-up. */
  get watermark(): number | undefined {
    return this.#watermark;
  }

  advanceWatermark(at: number): void {
    if (this.#watermark !== undefined && at <= this.#watermark) return;
    this.#watermark = at;
    this.#dirty = true;
  }

  /** An order's signal is durable in the outbox: remember its state and its symbol. */
  told(order: Order, at: number): void {
    const previous = this.#orders.get(order.orderId);
    if (previous && !this.#isNews(order, previous)) return;
    this.#set(order.orderId, {
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      status: order.status,
      filledSize: order.filledSize.toString(),
    });
    this.#symbols.delete(order.symbol);
    this.#symbols.set(order.symbol, at);
    while (this.#symbols.size > SYMBOL_CAPACITY) {
      const oldest = this.#symbols.keys().next().value;
      if (oldest === undefined) break;
      this.#symbols.delete(oldest);
    }
    this.#dirty = true;
  }

  /** True when the app has not been told this state of the order, nor a later one. */
  isNews(order: Order): boolean {
    const previous = this.#orders.get(order.orderId);
    return previous === undefined || this.#isNews(order, previous);
  }

  /** Orders the app was last told are still working: after a gap, each must be looked up. */
  open(): ReadonlyMap<string, ToldOrder> {
    return new Map([...this.#orders].filter(([, told]) => RANK[told.status] < 3));
  }

  /** Symbols traded recently, most recent last. */
  symbols(): readonly string[] {
    return [...this.#symbols.keys()];
  }

  /** Writes the record if it changed; concurrent calls share one write. */
  persist(): Promise<void> {
    const link = this.#chain.then(() => this.#write());
    this.#chain = link.catch(() => undefined);
    return link;
  }

  #isNews(order: Order, previous: ToldOrder): boolean {
    const rank = RANK[order.status];
    const told = RANK[previous.status];
    return rank > told || (rank === told && order.filledSize.gt(previous.filledSize));
  }

  #set(orderId: string, told: ToldOrder): void {
    const previous = this.#orders.get(orderId);
    if (previous && RANK[previous.status] === 3) this.#finished -= 1;
    this.#orders.delete(orderId);
    this.#orders.set(orderId, told);
    if (RANK[told.status] < 3) return;
    this.#finished += 1;
    if (this.#finished <= FINISHED_CAPACITY) return;
    for (const [id, candidate] of this.#orders) {
      if (RANK[candidate.status] < 3) continue;
      this.#orders.delete(id);
      this.#finished -= 1;
      return;
    }
  }

  async #write(): Promise<void> {
    if (!this.#dirty) return;
    this.#dirty = false;
    const snapshot: z.infer<typeof SnapshotSchema> = {
      version: 1,
      watermark: this.#watermark ?? null,
      orders: [...this.#orders],
      symbols: [...this.#symbols],
    };
    this.#writes += 1;
    const target = join(this.#directory, FILE_NAME);
    try {
      if (this.#storage) {
        await this.#storage.write(JSON.stringify(snapshot));
        return;
      }
      await writeFileAtomically(target, JSON.stringify(snapshot), `${target}.${this.#writes}.tmp`);
      await this.#directorySync.sync();
    } catch (error) {
      this.#dirty = true;
      throw error;
    }
  }
}
