import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Candle, Position, Trade } from '../api/types.ts';
import { CandleChart, type Indicator, type PriceLevel, type TradeMark } from '../charts/CandleChart.tsx';
import { useJson, useLive, useTicker } from '../hooks.ts';

const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h'] as const;
const INDICATORS: readonly { id: Indicator; label: string }[] = [
  { id: 'ema', label: 'EMA 20 / 50' },
  { id: 'vwap', label: 'VWAP' },
  { id: 'bollinger', label: 'Bollinger 20, 2' },
];
const SYMBOL = /^[A-Z0-9]{2,30}$/;
/** Candles close each minute at the finest: read again this often. */
const REFRESH_MS = 15_000;

function levelsOf(position: Position | undefined, trade: Trade | undefined): PriceLevel[] {
  const levels: PriceLevel[] = [];
  if (position) {
    levels.push({ price: position.entry_price, title: 'entry', kind: 'entry' });
    if (position.protection.stop) levels.push({ price: position.protection.stop.price, title: 'stop', kind: 'stop' });
    position.protection.targets.forEach((target, index) => {
      levels.push({ price: target.price, title: `TP${index + 1}`, kind: 'target' });
    });
  }
  const plan = trade?.plan;
  if (plan) {
    levels.push(
      { price: plan.zone.low, title: 'zone low', kind: 'zone' },
      { price: plan.zone.high, title: 'zone high', kind: 'zone' },
    );
    // The position's own stop and targets are the live ones; the plan's show while none is open.
    if (!position) {
      levels.push({ price: plan.stop, title: 'plan stop', kind: 'stop' });
      plan.targets.forEach((target, index) => {
        levels.push({ price: target.price, title: `plan TP${index + 1}`, kind: 'target' });
      });
    }
  }
  return levels;
}

function marksOf(trade: Trade | undefined): TradeMark[] {
  if (!trade) return [];
  const marks: TradeMark[] = [];
  if (trade.opened_at) marks.push({ at: trade.opened_at, kind: 'entry', text: `entry ${trade.entry_price ?? ''}` });
  if (trade.closed_at)
    marks.push({ at: trade.closed_at, kind: 'exit', text: `${trade.exit_reason ?? 'exit'} ${trade.exit_price ?? ''}` });
  return marks;
}

/** One symbol's candles per timeframe, with its position's or trade's levels and the rules' indicators. */
export function ChartView({ symbol, tradeId }: { symbol: string | undefined; tradeId: string | undefined }) {
  const live = useLive();
  const [timeframe, setTimeframe] = useState<(typeof TIMEFRAMES)[number]>('1m');
  const [indicators, setIndicators] = useState<ReadonlySet<Indicator>>(new Set());
  const [typed, setTyped] = useState(symbol ?? '');
  const tick = useTicker(REFRESH_MS);
  useEffect(() => setTyped(symbol ?? ''), [symbol]);
  const chosen = symbol && SYMBOL.test(symbol) ? symbol : undefined;
  const candles = useJson<{ data: Candle[] }>(
    chosen ? `/api/klines?symbol=${chosen}&timeframe=${timeframe}&limit=300` : null,
    tick,
  );
  const trades = useJson<{ data: Trade[] }>(
    chosen && !tradeId ? `/api/trades?symbol=${chosen}&limit=1` : null,
    live.revisions.trade,
  );
  const detail = useJson<{ data: Trade }>(tradeId ? `/api/trades/${encodeURIComponent(tradeId)}` : null);
  const trade = tradeId ? detail.data?.data : trades.data?.data[0];
  const position = live.positions?.find((row) => row.symbol === chosen);
  const levelKey = JSON.stringify([position?.entry_price, position?.protection, trade?.plan]);
  // Redrawn when the levels' values change, not on every push of the positions.
  const levels = useMemo(() => levelsOf(position, trade), [levelKey]);
  const marks = useMemo(() => marksOf(trade), [trade]);
  const heldSymbols = (live.positions ?? []).map((row) => row.symbol);

  return (
    <section aria-labelledby="chart-title">
      <h2 id="chart-title">Chart {chosen ?? ''}</h2>
      <form
        class="inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (SYMBOL.test(typed)) window.location.hash = `#/chart/${typed}`;
        }}
      >
        <label for="chart-symbol">Symbol</label>
        <input
          id="chart-symbol"
          list="held-symbols"
          value={typed}
          autocomplete="off"
          placeholder="BTCUSDT"
          onInput={(event) => setTyped(event.currentTarget.value.trim().toUpperCase())}
        />
        <datalist id="held-symbols">
          {heldSymbols.map((held) => (
            <option key={held} value={held} />
          ))}
        </datalist>
        <button type="submit">Show</button>
        <label for="chart-timeframe">Timeframe</label>
        <select
          id="chart-timeframe"
          value={timeframe}
          onChange={(event) => setTimeframe(event.currentTarget.value as (typeof TIMEFRAMES)[number])}
        >
          {TIMEFRAMES.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
        <fieldset class="inline">
          <legend>Indicators</legend>
          {INDICATORS.map((indicator) => (
            <label key={indicator.id}>
              <input
                type="checkbox"
                checked={indicators.has(indicator.id)}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setIndicators((shown) => {
                    const next = new Set(shown);
                    if (checked) next.add(indicator.id);
                    else next.delete(indicator.id);
                    return next;
                  });
                }}
              />{' '}
              {indicator.label}
            </label>
          ))}
        </fieldset>
      </form>
      {!chosen && <p class="muted">Choose a symbol.</p>}
      {candles.error && <p class="negative">{candles.error}</p>}
      {chosen && candles.data && candles.data.data.length === 0 && (
        <p class="muted">
          No candle stored for {chosen} {timeframe}.
        </p>
      )}
      {chosen && (
        <CandleChart candles={candles.data?.data ?? []} levels={levels} marks={marks} indicators={indicators} />
      )}
      {trade && (
        <p>
          Trade: <a href={`#/trades/${encodeURIComponent(trade.decision_key)}`}>{trade.decision_key}</a> ({trade.status}
          )
        </p>
      )}
    </section>
  );
}
