/** One Server-Sent Event as received, with the wall time it arrived (ms, to the microsecond). */
export interface ReceivedEvent {
  readonly event: string;
  readonly data: unknown;
  readonly receivedAt: number;
}

/**
 * A reader of `GET /api/events` as a browser's EventSource reads it (`event:` / `data:` blocks
 * separated by a blank line; comments and `retry:` skipped), keeping every event for the test.
 */
export class SseClient {
  readonly events: ReceivedEvent[] = [];
  readonly #abort = new AbortController();
  readonly #waiters = new Set<() => void>();
  #ended = false;

  private constructor() {}

  static async open(url: string): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(url, { signal: client.#abort.signal, headers: { accept: 'text/event-stream' } });
    if (response.status !== 200 || !response.body) throw new Error(`GET ${url} answered ${response.status}`);
    if (!String(response.headers.get('content-type')).startsWith('text/event-stream')) {
      throw new Error(`GET ${url} answered ${response.headers.get('content-type')}`);
    }
    void client.#read(response.body);
    return client;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /**
   * The first event named `event` from index `from` on that satisfies `matches`; waits for it at
   * most `timeoutMs`.
   */
  async next(
    event: string,
    matches: (data: unknown) => boolean = () => true,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<ReceivedEvent> {
    const from = options.from ?? 0;
    const find = () => this.events.slice(from).find((row) => row.event === event && matches(row.data));
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = find();
      if (found) return found;
      if (this.#ended) throw new Error(`the event stream ended before a matching ${event} event`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching ${event} event within ${options.timeoutMs ?? 10_000} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.#abort.abort();
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.#block(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close(), or the server went away: either way the stream has ended.
    } finally {
      this.#ended = true;
      this.#wake();
    }
  }

  #block(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    this.events.push({
      event,
      data: JSON.parse(data.join('\n')),
      receivedAt: performance.timeOrigin + performance.now(),
    });
    this.#wake();
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }
}
