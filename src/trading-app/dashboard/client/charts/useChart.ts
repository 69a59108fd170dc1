import { ColorType, createChart, type DeepPartial, type IChartApi, type TimeChartOptions } from 'lightweight-charts';
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** The library's attribution logo stays on: its licence asks for a link to TradingView on the page. */
const THEME: DeepPartial<TimeChartOptions> = {
  autoSize: true,
  layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#c9d1d9' },
  grid: { vertLines: { color: '#30363d55' }, horzLines: { color: '#30363d55' } },
  timeScale: { timeVisible: true, secondsVisible: false },
  rightPriceScale: { borderColor: '#30363d' },
};

/**
 * A lightweight-charts chart in `container` for the component's life (sized to its box, removed on
 * unmount). Series are added by the caller's effects, which run again when the chart is new.
 */
export function useChart(options: DeepPartial<TimeChartOptions> = {}): {
  container: RefObject<HTMLDivElement | null>;
  chart: IChartApi | null;
} {
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<IChartApi | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const created = createChart(container.current, { ...THEME, ...options });
    setChart(created);
    return () => {
      setChart(null);
      created.remove();
    };
  }, []);
  return { container, chart };
}

/** Seconds since the epoch, as lightweight-charts wants its time. */
export function chartTime(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1_000);
}

/** Points with strictly increasing times: the last value of a second wins. */
export function ascendingUnique<T extends { time: number }>(points: readonly T[]): T[] {
  const byTime = new Map<number, T>();
  for (const point of points) byTime.set(point.time, point);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
