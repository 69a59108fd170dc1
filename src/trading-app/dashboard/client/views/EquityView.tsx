import { AreaSeries, HistogramSeries, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useMemo } from 'preact/hooks';
import type { BalanceSnapshot, DailyMetric } from '../api/types.ts';
import { ascendingUnique, chartTime, useChart } from '../charts/useChart.ts';
import { fraction, percent, signClass, usdt } from '../format.ts';
import { useJson } from '../hooks.ts';

const HISTORY_DAYS = 30;

/** Equity over time, drawdown from its peak, and the day-by-day PnL and ROI the app computes. */
export function EquityView() {
  const from = useMemo(() => new Date(Date.now() - HISTORY_DAYS * 86_400_000).toISOString(), []);
  const history = useJson<{ data: BalanceSnapshot[] }>(
    `/api/balance/history?interval=minute&from=${encodeURIComponent(from)}`,
  );
  const metrics = useJson<{ data: DailyMetric[] }>(`/api/balance/metrics?days=${HISTORY_DAYS}`);
  const snapshots = history.data?.data ?? [];
  const days = metrics.data?.data ?? [];
  const drawdown = useMemo(() => drawdownOf(snapshots), [snapshots]);
  const last = snapshots[snapshots.length - 1];
  const today = days[days.length - 1];

  return (
    <section aria-labelledby="equity-title">
      <h2 id="equity-title">Equity and balance</h2>
      <dl class="figures">
        <div>
          <dt>Equity</dt>
          <dd data-testid="equity-now">{usdt(last?.equity)} USDT</dd>
        </div>
        <div>
          <dt>Available</dt>
          <dd>{usdt(last?.available_balance)} USDT</dd>
        </div>
        <div>
          <dt>Today's PnL</dt>
          <dd class={signClass(today?.pnl)}>{usdt(today?.pnl)} USDT</dd>
        </div>
        <div>
          <dt>Today's ROI</dt>
          <dd class={signClass(today?.roi)}>{fraction(today?.roi)}</dd>
        </div>
        <div>
          <dt>Drawdown now / max</dt>
          <dd>
            {percent(drawdown.current)} / {percent(drawdown.max)}
          </dd>
        </div>
      </dl>
      {history.error && <p class="negative">{history.error}</p>}
      {snapshots.length === 0 && !history.loading ? (
        <p class="muted">No balance reported yet.</p>
      ) : (
        <EquityChart snapshots={snapshots} />
      )}
      <h3>Daily PnL</h3>
      {metrics.error && <p class="negative">{metrics.error}</p>}
      <DailyPnlChart days={days} />
      <div class="table-wrap">
        <table data-testid="daily-metrics">
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Opening equity</th>
              <th scope="col">Closing equity</th>
              <th scope="col">PnL</th>
              <th scope="col">ROI</th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((day) => (
              <tr key={day.day}>
                <th scope="row">{day.day}</th>
                <td class="number">{usdt(day.opening_equity)}</td>
                <td class="number">{usdt(day.closing_equity)}</td>
                <td class={`number ${signClass(day.pnl)}`}>{usdt(day.pnl)}</td>
                <td class={`number ${signClass(day.roi)}`}>{fraction(day.roi)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Display only: the fall from the running peak of equity, in percent. */
function drawdownOf(snapshots: readonly BalanceSnapshot[]): { current: number | null; max: number | null } {
  let peak = Number.NEGATIVE_INFINITY;
  let max = 0;
  let current = 0;
  for (const snapshot of snapshots) {
    const equity = Number(snapshot.equity);
    peak = Math.max(peak, equity);
    current = peak > 0 ? ((peak - equity) / peak) * 100 : 0;
    max = Math.max(max, current);
  }
  return snapshots.length === 0 ? { current: null, max: null } : { current, max };
}

function EquityChart({ snapshots }: { snapshots: readonly BalanceSnapshot[] }) {
  const { container, chart } = useChart();
  useEffect(() => {
    if (!chart) return;
    const equity = chart.addSeries(AreaSeries, {
      lineColor: '#58a6ff',
      topColor: '#58a6ff55',
      bottomColor: '#58a6ff05',
      title: 'equity',
    });
    const available = chart.addSeries(LineSeries, { color: '#8b949e', lineWidth: 1, title: 'available' });
    const point = (value: string, at: string) => ({ time: chartTime(at) as UTCTimestamp, value: Number(value) });
    equity.setData(ascendingUnique(snapshots.map((row) => point(row.equity, row.timestamp))));
    available.setData(ascendingUnique(snapshots.map((row) => point(row.available_balance, row.timestamp))));
    chart.timeScale().fitContent();
    return () => {
      chart.removeSeries(equity);
      chart.removeSeries(available);
    };
  }, [chart, snapshots]);
  return <div class="chart" ref={container} data-testid="equity-chart" role="img" aria-label="Equity curve" />;
}

function DailyPnlChart({ days }: { days: readonly DailyMetric[] }) {
  const { container, chart } = useChart({ height: 160 });
  useEffect(() => {
    if (!chart) return;
    const bars = chart.addSeries(HistogramSeries, { title: 'daily PnL' });
    bars.setData(
      days.map((day) => ({
        time: chartTime(`${day.day}T00:00:00Z`) as UTCTimestamp,
        value: Number(day.pnl),
        color: Number(day.pnl) >= 0 ? '#3fb950' : '#f85149',
      })),
    );
    chart.timeScale().fitContent();
    return () => chart.removeSeries(bars);
  }, [chart, days]);
  return <div class="chart short" ref={container} role="img" aria-label="Daily PnL" />;
}
