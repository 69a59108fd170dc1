import {
  CandlestickSeries,
  createSeriesMarkers,
  type ISeriesApi,
  LineSeries,
  LineStyle,
  type SeriesMarker,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect } from 'preact/hooks';
import type { Candle } from '../api/types.ts';
import { type Bar, bollinger, ema, type Point, vwap } from './indicators.ts';
import { chartTime, useChart } from './useChart.ts';

export interface PriceLevel {
  readonly price: string;
  readonly title: string;
  readonly kind: 'entry' | 'zone' | 'stop' | 'target';
}

export interface TradeMark {
  readonly at: string;
  readonly kind: 'entry' | 'exit';
  readonly text: string;
}

export type Indicator = 'ema' | 'vwap' | 'bollinger';

const LEVEL_COLOURS: Record<PriceLevel['kind'], string> = {
  entry: '#58a6ff',
  zone: '#d29922',
  stop: '#f85149',
  target: '#3fb950',
};

/** Candles with the trade's levels as price lines, its entry and exit as markers, and indicators on demand. */
export function CandleChart(props: {
  candles: readonly Candle[];
  levels: readonly PriceLevel[];
  marks: readonly TradeMark[];
  indicators: ReadonlySet<Indicator>;
}) {
  const { container, chart } = useChart({ height: 420 });
  useEffect(() => {
    if (!chart) return;
    const bars: Bar[] = props.candles.map((candle) => ({
      time: chartTime(candle.open_time),
      high: Number(candle.high),
      low: Number(candle.low),
      close: Number(candle.close),
      volume: Number(candle.volume),
    }));
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: '#3fb950',
      downColor: '#f85149',
      wickUpColor: '#3fb950',
      wickDownColor: '#f85149',
      borderVisible: false,
    });
    candles.setData(
      props.candles.map((candle) => ({
        time: chartTime(candle.open_time) as UTCTimestamp,
        open: Number(candle.open),
        high: Number(candle.high),
        low: Number(candle.low),
        close: Number(candle.close),
      })),
    );
    for (const level of props.levels) {
      candles.createPriceLine({
        price: Number(level.price),
        color: LEVEL_COLOURS[level.kind],
        lineWidth: 1,
        lineStyle: level.kind === 'zone' ? LineStyle.Dotted : LineStyle.Dashed,
        axisLabelVisible: true,
        title: level.title,
      });
    }
    const markers: SeriesMarker<UTCTimestamp>[] = props.marks
      .map((mark) => ({
        time: snapToBar(bars, chartTime(mark.at)) as UTCTimestamp,
        position: mark.kind === 'entry' ? ('belowBar' as const) : ('aboveBar' as const),
        color: mark.kind === 'entry' ? '#58a6ff' : '#d2a8ff',
        shape: mark.kind === 'entry' ? ('arrowUp' as const) : ('arrowDown' as const),
        text: mark.text,
      }))
      .sort((a, b) => a.time - b.time);
    createSeriesMarkers(candles, markers);
    const overlays: ISeriesApi<'Line'>[] = [];
    const titles: string[] = [];
    const line = (points: Point[], color: string, title: string) => {
      titles.push(title);
      const series = chart.addSeries(LineSeries, { color, lineWidth: 1, title, priceLineVisible: false });
      series.setData(points.map((point) => ({ time: point.time as UTCTimestamp, value: point.value })));
      overlays.push(series);
    };
    if (props.indicators.has('ema')) {
      line(ema(bars, 20), '#e3b341', 'EMA 20');
      line(ema(bars, 50), '#a371f7', 'EMA 50');
    }
    if (props.indicators.has('vwap')) line(vwap(bars), '#39c5cf', 'VWAP');
    if (props.indicators.has('bollinger')) {
      const bands = bollinger(bars);
      line(bands.upper, '#8b949e', 'BB up');
      line(bands.middle, '#6e7681', 'BB mid');
      line(bands.lower, '#8b949e', 'BB low');
    }
    chart.timeScale().fitContent();
    // What is drawn, for a test or a screen reader to read without looking at the canvas.
    container.current?.setAttribute(
      'data-levels',
      props.levels.map((level) => `${level.title} ${level.price}`).join('; '),
    );
    container.current?.setAttribute('data-series', ['candles', ...titles].join('; '));
    return () => {
      for (const series of overlays) chart.removeSeries(series);
      chart.removeSeries(candles);
    };
  }, [chart, props.candles, props.levels, props.marks, props.indicators]);
  return <div class="chart tall" ref={container} data-testid="candle-chart" role="img" aria-label="Candles" />;
}

/** A marker sits on a bar: the last bar opened at or before its time. */
function snapToBar(bars: readonly Bar[], time: number): number {
  let snapped = bars[0]?.time ?? time;
  for (const bar of bars) {
    if (bar.time > time) break;
    snapped = bar.time;
  }
  return snapped;
}
