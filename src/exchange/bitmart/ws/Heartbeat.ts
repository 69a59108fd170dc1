import type { Clock, TimerHandle } from '../../../platform/clock/index.ts';

export interface HeartbeatOptions {
  readonly clock: Clock;
  readonly pingIntervalMs: number;
  /** Silence (nothing received) longer than this means the link is dead; see `silenceTimeoutFor`. */
  readonly silenceTimeoutMs: number;
  readonly sendPing: () => void;
  readonly onSilent: (silentForMs: number) => void;
}

/**
 * The keep-alive of one socket: a JSON ping every interval (docs/reference/bitmart-wire.md#heartbeat) and a watchdog
 * that fires once nothing at all has been received for the silence timeout. The watchdog is one
 * timer re-armed lazily from the last receipt time, so a busy stream costs nothing per message.
 */
export class Heartbeat {
  readonly #options: HeartbeatOptions;
  #lastHeardAt = 0;
  #pingTimer: TimerHandle | undefined;
  #watchdog: TimerHandle | undefined;

  constructor(options: HeartbeatOptions) {
    this.#options = options;
  }

  /** Starts the watchdog alone: a handshake that hangs is silence too. */
  watch(): void {
    this.#lastHeardAt = this.#options.clock.now();
    this.#arm();
  }

  /** The socket is open: pings begin. */
  startPinging(): void {
    this.heard();
    this.#options.clock.clearTimer(this.#pingTimer);
    this.#pingTimer = this.#options.clock.setInterval(() => this.#options.sendPing(), this.#options.pingIntervalMs);
  }

  heard(): void {
    this.#lastHeardAt = this.#options.clock.now();
  }

  get lastHeardAt(): number {
    return this.#lastHeardAt;
  }

  stop(): void {
    this.#options.clock.clearTimer(this.#pingTimer);
    this.#options.clock.clearTimer(this.#watchdog);
    this.#pingTimer = undefined;
    this.#watchdog = undefined;
  }

  #arm(): void {
    const { clock, silenceTimeoutMs } = this.#options;
    clock.clearTimer(this.#watchdog);
    this.#watchdog = clock.setTimeout(
      () => {
        this.#watchdog = undefined;
        const silentFor = clock.now() - this.#lastHeardAt;
        if (silentFor >= silenceTimeoutMs) {
          this.stop();
          this.#options.onSilent(silentFor);
        } else this.#arm();
      },
      this.#lastHeardAt + silenceTimeoutMs - clock.now(),
    );
  }
}
