import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, TimerHandle } from '../../platform/clock/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { FencedOffError } from './FencedOffError.ts';
import type { LeaseHolder, WorkerLease } from './WorkerLease.ts';

export type LeaseRole = 'standby' | 'active' | 'lost';

/** What `/status` shows of the lease. */
export interface LeaseStatus {
  readonly role: LeaseRole;
  readonly account: string;
  /** Our token while active (or the one we lost). */
  readonly fencing_token: number | null;
  /** The holder as last read: ourselves when active, the worker a standby waits behind. */
  readonly active_control_url: string | null;
  readonly expires_at: number | null;
  /** When this worker took the lease (our clock, Unix milliseconds); null while it never held it. */
  readonly acquired_at: number | null;
  /** Venue requests refused because the lease could not be shown to be ours. */
  readonly fenced_refusals: number;
  /** Attempts to take the lease that got an answer: a standby that counts is alive and reaching the server. */
  readonly acquire_attempts: number;
}

export interface LeaseKeeperOptions {
  readonly lease: WorkerLease;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ttlMs: number;
  /** Called once when the lease is found lost: the worker must stop trading at once. */
  readonly onLost: () => void;
}

/**
 * Holds a worker's side of its account's lease: waits for it as a standby, heartbeats it while
 * active, and answers the fencing check before every venue request that changes something.
 * A heartbeat every third of the lease's life, and an attempt to take it every fifth while
 * standing by: a dead holder is replaced between `ttl` and `1.2 × ttl` after its last heartbeat.
 */
export class LeaseKeeper {
  readonly #options: LeaseKeeperOptions;
  readonly #id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  #role: LeaseRole = 'standby';
  #token: number | undefined;
  /** Our lease's expiry as we last set it: past it, without a renewal, we may have been replaced. */
  #expiresAt: number | undefined;
  #acquiredAt: number | undefined;
  #seen: LeaseHolder | undefined;
  #timer: TimerHandle | undefined;
  #busy = false;
  #stopped = false;
  #refusals = 0;
  #attempts = 0;

  constructor(options: LeaseKeeperOptions) {
    this.#options = options;
  }

  get role(): LeaseRole {
    return this.#role;
  }

  /** Resolves once this worker holds the lease; never, if `stop()` comes first. */
  acquire(controlUrl: string): Promise<void> {
    const { clock, ttlMs } = this.#options;
    return new Promise((resolve) => {
      const attempt = async (): Promise<void> => {
        if (this.#busy || this.#stopped || this.#role !== 'standby') return;
        this.#busy = true;
        try {
          const now = clock.now();
          const token = await this.#options.lease.tryAcquire(this.#id, controlUrl, now);
          if (token === undefined) {
            this.#seen = await this.#options.lease.current();
            this.#attempts += 1;
            return;
          }
          this.#attempts += 1;
          if (this.#stopped) {
            await this.#options.lease.release(token);
            return;
          }
          this.#becomeActive(token, now, controlUrl);
          resolve();
        } catch (error) {
          this.#options.logger.warn({ err: error }, 'worker lease: could not reach the lease database, trying again');
        } finally {
          this.#busy = false;
        }
      };
      this.#timer = clock.setInterval(() => void attempt(), Math.max(100, Math.floor(ttlMs / 5)));
      void attempt();
    });
  }

  #becomeActive(token: number, now: number, controlUrl: string): void {
    const { clock, ttlMs, logger } = this.#options;
    const expiresAt = now + ttlMs;
    clock.clearTimer(this.#timer);
    this.#role = 'active';
    this.#token = token;
    this.#expiresAt = expiresAt;
    this.#acquiredAt = now;
    this.#seen = { token, holder: this.#id, controlUrl, expiresAt };
    logger.info(
      { account: this.#options.lease.account, leaseToken: token },
      'worker lease acquired: this worker is active',
    );
    this.#timer = clock.setInterval(() => void this.#heartbeat(), Math.max(100, Math.floor(ttlMs / 3)));
  }

  async #heartbeat(): Promise<void> {
    if (this.#busy || this.#role !== 'active' || this.#token === undefined) return;
    this.#busy = true;
    const now = this.#options.clock.now();
    try {
      if (await this.#options.lease.renew(this.#token, now)) {
        this.#expiresAt = now + this.#options.ttlMs;
        if (this.#seen) this.#seen = { ...this.#seen, expiresAt: this.#expiresAt };
      } else {
        this.#lose('another worker took the lease');
      }
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'worker lease: heartbeat failed');
      if (this.#expiresAt !== undefined && now >= this.#expiresAt) this.#lose('the lease expired without a heartbeat');
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Resolves when the lease is still ours (the current token, not expired) on the server itself,
   * not as we remember it: a worker paused past its expiry remembers holding it. Throws
   * `FencedOffError` otherwise, or when the server cannot be asked (fail closed).
   */
  async assertHeld(): Promise<void> {
    const token = this.#token;
    if (this.#role !== 'active' || token === undefined) throw this.#refuse(`this worker is ${this.#role}`);
    let current: LeaseHolder | undefined;
    try {
      current = await this.#options.lease.current();
    } catch (error) {
      throw this.#refuse('the lease database cannot confirm the lease', error);
    }
    if (current?.token !== token) {
      this.#lose(`another worker took the lease (token ${current?.token ?? 'none'})`);
      throw this.#refuse('another worker holds the lease');
    }
    if (current.expiresAt <= this.#options.clock.now()) {
      this.#lose('the lease expired');
      throw this.#refuse('the lease expired');
    }
  }

  #refuse(reason: string, cause?: unknown): FencedOffError {
    this.#refusals += 1;
    const message = `fenced off: ${reason}; nothing was sent to the venue`;
    this.#options.logger.error({ account: this.#options.lease.account, leaseToken: this.#token }, message);
    return new FencedOffError(message, cause === undefined ? undefined : { cause });
  }

  #lose(reason: string): void {
    if (this.#role !== 'active') return;
    this.#role = 'lost';
    this.#options.clock.clearTimer(this.#timer);
    this.#options.logger.error(
      { account: this.#options.lease.account, leaseToken: this.#token },
      `worker lease lost: ${reason}; this worker places and closes nothing more and stops`,
    );
    this.#options.onLost();
  }

  status(): LeaseStatus {
    return {
      role: this.#role,
      account: this.#options.lease.account,
      fencing_token: this.#token ?? null,
      active_control_url: this.#role === 'lost' ? null : (this.#seen?.controlUrl ?? null),
      expires_at: this.#seen?.expiresAt ?? null,
      acquired_at: this.#acquiredAt ?? null,
      fenced_refusals: this.#refusals,
      acquire_attempts: this.#attempts,
    };
  }

  /** Stops waiting or heartbeating; an active worker lets the lease go so a standby takes over at once. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#options.clock.clearTimer(this.#timer);
    if (this.#role === 'active' && this.#token !== undefined) {
      this.#role = 'lost';
      await this.#options.lease.release(this.#token).catch((error: unknown) => {
        this.#options.logger.warn({ err: error }, 'worker lease: could not release; it expires on its own');
      });
    }
    await this.#options.lease.close();
  }
}
