import type { RateLimitUsage } from '../port/types.ts';
import type { ServerTimeOffset } from '../serverTime/ServerTimeOffset.ts';

/** What a venue adapter needs of its signed REST client for its lifecycle. */
export interface SignedRestClient {
  readonly serverClock: ServerTimeOffset;
  rateLimitUsage(): readonly RateLimitUsage[];
  close(): Promise<void>;
}

/**
 * The lifecycle every venue's port adapter over a signed REST client has, the same for each venue:
 * `start` measures the server-time offset (which also opens a keep-alive connection for the first
 * order), `stop` releases the connections, `rateLimitUsage` reads the limiter (health reports).
 */
export abstract class SignedRestAdapter {
  readonly #signedClient: SignedRestClient;

  protected constructor(client: SignedRestClient) {
    this.#signedClient = client;
  }

  /** The venue's clock as measured for signing; a WebSocket login signs at it too. */
  get serverClock(): ServerTimeOffset {
    return this.#signedClient.serverClock;
  }

  async start(): Promise<void> {
    await this.#signedClient.serverClock.sync();
  }

  async stop(): Promise<void> {
    await this.#signedClient.close();
  }

  rateLimitUsage(): readonly RateLimitUsage[] {
    return this.#signedClient.rateLimitUsage();
  }
}
