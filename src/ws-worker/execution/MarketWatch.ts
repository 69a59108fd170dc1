import type { MarketEvent, MarketStream, StreamEvent, Unsubscribe } from '../../exchange/port/streams.ts';
import type { ExecutionContext } from './context.ts';

/**
 * The prices the execution acts on: ticker and trade pushes of the symbols it holds entries or
 * positions on, kept subscribed for as long as the execution runs (the claims outlive reconnects:
 * the stream replays them). A push is handed on synchronously (the hot path, decision 0008).
 *
 * Pushes stop while the public stream is down and a move then is never pushed. So the quotes
 * known before a disconnect are dropped, and after any reconnect the price is read over REST and
 * evaluated at once: on `connected` (the link is back, the subscriptions are on their way) and
 * again on `resynced` (every topic answered) for a symbol that had no push since. A REST answer
 * never overwrites a push that came in meanwhile.
 */
export class MarketWatch {
  readonly #context: ExecutionContext;
  readonly #stream: MarketStream;
  readonly #onPrice: (symbol: string) => void;
  readonly #symbols = new Set<string>();
  /** Symbols with a push since the last (re)connection. */
  readonly #pushed = new Set<string>();
  readonly #subscriptions: Unsubscribe[] = [];

  constructor(context: ExecutionContext, stream: MarketStream, onPrice: (symbol: string) => void) {
    this.#context = context;
    this.#stream = stream;
    this.#onPrice = onPrice;
  }

  start(): void {
    this.#subscriptions.push(this.#stream.onEvent((event) => this.#onEvent(event)));
    this.#subscriptions.push(this.#stream.onStatus((event) => this.#onStatus(event)));
  }

  stop(): void {
    for (const unsubscribe of this.#subscriptions.splice(0)) unsubscribe();
  }

  /** Ticker and trades of a symbol in use; kept subscribed (the stream may be shared with other users). */
  watch(symbol: string): void {
    if (this.#symbols.has(symbol)) return;
    this.#symbols.add(symbol);
    this.#stream.subscribeTicker(symbol);
    this.#stream.subscribeTrades(symbol);
  }

  /** Evaluates the symbol against the latest price now: the last push, or a REST read when there is none. */
  checkNow(symbol: string): void {
    if (this.#context.quotes.has(symbol)) this.#onPrice(symbol);
    else this.#read(symbol, 'no price pushed yet');
  }

  /** Reads every watched symbol's price over REST and evaluates it (start-up, reconnection). */
  refreshAll(why: string): void {
    for (const symbol of this.#symbols) this.#read(symbol, why);
  }

  /** Hot path: a price event updates the quote and is evaluated at once. */
  #onEvent(event: MarketEvent): void {
    let symbol: string;
    const quotes = this.#context.quotes;
    if (event.type === 'ticker') {
      const { ticker } = event;
      symbol = ticker.symbol;
      quotes.set(symbol, { last: ticker.lastPrice, bid: ticker.bestBid, ask: ticker.bestAsk });
    } else if (event.type === 'trade') {
      symbol = event.trade.symbol;
      const quote = quotes.get(symbol);
      if (quote) quote.last = event.trade.price;
      else quotes.set(symbol, { last: event.trade.price, bid: undefined, ask: undefined });
    } else return;
    this.#pushed.add(symbol);
    this.#onPrice(symbol);
  }

  #onStatus(event: StreamEvent): void {
    if (event.type === 'disconnected') {
      // Whatever the price does now is not pushed: a quote from before is no base for a decision.
      for (const symbol of this.#symbols) this.#context.quotes.delete(symbol);
      this.#pushed.clear();
    } else if (event.type === 'connected') {
      this.#pushed.clear();
      this.refreshAll('the public stream reconnected');
    } else {
      for (const symbol of this.#symbols)
        if (!this.#pushed.has(symbol)) this.#read(symbol, 'the public stream resynced');
    }
  }

  #read(symbol: string, why: string): void {
    const { exchange, logger, quotes } = this.#context;
    exchange.ticker(symbol).then(
      (ticker) => {
        if (this.#subscriptions.length === 0 || this.#pushed.has(symbol)) return; // stopped, or a push is newer
        quotes.set(symbol, { last: ticker.lastPrice, bid: ticker.bestBid, ask: ticker.bestAsk });
        logger.debug({ symbol, price: ticker.lastPrice.toFixed(), why }, 'price read over REST');
        this.#onPrice(symbol);
      },
      (error: unknown) => logger.warn({ err: error, symbol, why }, 'could not read the ticker, waiting for pushes'),
    );
  }
}
