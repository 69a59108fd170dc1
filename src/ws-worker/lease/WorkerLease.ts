/** Who holds an account's lease, as the lease row says. */
export interface LeaseHolder {
  /** Grows by one at every take-over: a worker whose token is no longer current has been replaced. */
  readonly token: number;
  /** `host:pid:random` of the worker process. */
  readonly holder: string;
  /** Where the holder's control API answers, for the app and for a standby's refusals. */
  readonly controlUrl: string;
  /** Unix ms (the holder's clock) after which anyone may take the lease. */
  readonly expiresAt: number;
}

/**
 * One exchange account's lease: at most one worker trades the account at a time (decision 0037).
 * Times are the caller's clock (Unix ms), so tests move them; a lease lasts `ttlMs` from its last
 * heartbeat. Every method is one statement, atomic on the server.
 */
export interface WorkerLease {
  readonly account: string;
  /** Takes the lease when nobody holds it or its holder let it expire: the new token, else `undefined`. */
  tryAcquire(holder: string, controlUrl: string, now: number): Promise<number | undefined>;
  /** Extends the hold of `token`; false when another worker took the lease since (the token moved on). */
  renew(token: number, now: number): Promise<boolean>;
  /** The current holder, expired or not; `undefined` when no worker ever held it. */
  current(): Promise<LeaseHolder | undefined>;
  /** Lets the lease go at once (a graceful stop): a standby need not wait for it to expire. */
  release(token: number): Promise<void>;
  close(): Promise<void>;
}
