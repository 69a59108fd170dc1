import { Dispatcher } from 'undici';

/** A request as Fastify's `inject()` takes it (light-my-request), without Fastify's types. */
export interface InjectedRequest {
  readonly method: string;
  /** Path and query string. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
}

export interface InjectedAnswer {
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly rawPayload: Buffer;
}

/** What answers an injected request: a Fastify instance's `inject`, a whole server without its socket. */
export type InjectHandler = (request: InjectedRequest) => Promise<InjectedAnswer>;

/**
 * An undici `Dispatcher` that hands each request to a server's `inject()` in this process instead
 * of a socket: the client builds, signs and reads the request as it does over the wire, and the
 * server routes, validates and verifies it as it does when it listens; only the bytes' trip through
 * the kernel is gone (docs/decisions/0031-backtest-speed.md). `target` is read at each request, so
 * the two sides of a pair can be built in either order.
 */
export class InjectDispatcher extends Dispatcher {
  readonly #target: () => InjectHandler | undefined;
  #inFlight = 0;
  #closed = false;

  constructor(target: () => InjectHandler | undefined) {
    super();
    this.#target = target;
  }

  /** Requests handed over and not yet answered (or failed). */
  get inFlight(): number {
    return this.#inFlight;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    // The legacy callbacks (onConnect, onHeaders, onData, onComplete, onError), which undici's own
    // `request()` gives and which its Client calls.
    const legacy = handler as LegacyHandler;
    let done = false;
    const fail = (error: unknown): void => {
      if (done) return;
      done = true;
      legacy.onError?.(error instanceof Error ? error : new Error(String(error)));
    };
    const target = this.#target();
    if (this.#closed || !target) {
      queueMicrotask(() =>
        fail(Object.assign(new Error('connect ECONNREFUSED (in process)'), { code: 'ECONNREFUSED' })),
      );
      return true;
    }
    legacy.onConnect?.((reason?: unknown) => fail(reason ?? new Error('aborted')), null);
    if (done) return true;
    let request: InjectedRequest;
    try {
      request = injectedRequest(options);
    } catch (error) {
      fail(error);
      return true;
    }
    this.#inFlight++;
    target(request).then(
      (answer) => {
        this.#inFlight--;
        if (done) return;
        done = true;
        legacy.onHeaders?.(answer.statusCode, rawHeaders(answer.headers), () => undefined, answer.statusMessage);
        if (answer.rawPayload.length > 0) legacy.onData?.(answer.rawPayload);
        legacy.onComplete?.([]);
      },
      (error: unknown) => {
        this.#inFlight--;
        fail(error);
      },
    );
    return true;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    if (callback) {
      queueMicrotask(callback);
      return;
    }
    return Promise.resolve();
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    this.#closed = true;
    const callback = typeof first === 'function' ? first : second;
    if (callback) {
      queueMicrotask(callback);
      return;
    }
    return Promise.resolve();
  }
}

interface LegacyHandler {
  onConnect?(abort: (reason?: unknown) => void, context: unknown): void;
  onHeaders?(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: Buffer[]): void;
  onError?(error: Error): void;
}

function injectedRequest(options: Dispatcher.DispatchOptions): InjectedRequest {
  const headers: Record<string, string> = {};
  const given = options.headers;
  if (Array.isArray(given)) {
    for (let i = 0; i + 1 < given.length; i += 2) headers[String(given[i]).toLowerCase()] = String(given[i + 1]);
  } else if (given && typeof given === 'object' && !(Symbol.iterator in given)) {
    for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
  } else if (given) {
    for (const [name, value] of given as Iterable<[string, string | string[] | undefined]>) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  // The server's own-host checks see the authority the client addressed, as over the wire.
  if (options.origin !== undefined && headers.host === undefined) headers.host = new URL(options.origin).host;
  const body = options.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    throw new TypeError('an in-process request carries a string or Buffer body');
  }
  return {
    method: options.method,
    url: options.path,
    headers,
    ...(body === undefined || body === null ? {} : { payload: body }),
  };
}

function rawHeaders(headers: InjectedAnswer['headers']): Buffer[] {
  const raw: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) raw.push(Buffer.from(name), Buffer.from(String(one)));
  }
  return raw;
}
