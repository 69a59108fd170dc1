/**
 * The report's only code, run by the browser after TradingView's library: it draws the equity, the
 * drawdown and each symbol's candles with its trades from the JSON in `#report-data`. Plain
 * JavaScript in a string: it runs in a file opened from disk, with no bundler and no server.
 */
export const DRAW_CHARTS = `
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const lib = window.LightweightCharts;
  const theme = { layout: { background: { type: 'solid', color: '#0d1117' }, textColor: '#c9d1d9' },
    grid: { vertLines: { color: '#21262d' }, horzLines: { color: '#21262d' } },
    timeScale: { timeVisible: true, secondsVisible: false } };
  const chartIn = (element) => lib.createChart(element, { ...theme, autoSize: true });
  const equity = chartIn(document.getElementById('equity'));
  equity.addSeries(lib.AreaSeries, { lineColor: '#58a6ff', topColor: 'rgba(88,166,255,0.3)', bottomColor: 'rgba(88,166,255,0)' })
    .setData(data.equity);
  let peak = -Infinity;
  const drawdown = data.equity.map((point) => {
    peak = Math.max(peak, point.value);
    return { time: point.time, value: peak > 0 ? -((peak - point.value) / peak) * 100 : 0 };
  });
  chartIn(document.getElementById('drawdown'))
    .addSeries(lib.AreaSeries, { lineColor: '#f85149', topColor: 'rgba(248,81,73,0)', bottomColor: 'rgba(248,81,73,0.3)' })
    .setData(drawdown);
  const section = document.getElementById('candles');
  for (const symbol of data.symbols) {
    const heading = document.createElement('h3');
    heading.textContent = symbol.symbol + ' (' + symbol.barMinutes + ' min bars)';
    const element = document.createElement('div');
    element.className = 'chart';
    element.dataset.symbol = symbol.symbol;
    section.append(heading, element);
    const candles = chartIn(element).addSeries(lib.CandlestickSeries, { upColor: '#3fb950', downColor: '#f85149',
      wickUpColor: '#3fb950', wickDownColor: '#f85149', borderVisible: false });
    candles.setData(symbol.candles);
    const width = symbol.barMinutes * 60;
    const bar = (time) => Math.floor(time / width) * width;
    const markers = [];
    for (const trade of symbol.trades) {
      const long = trade.side === 'long';
      if (trade.opened !== null) markers.push({ time: bar(trade.opened), position: long ? 'belowBar' : 'aboveBar',
        color: '#58a6ff', shape: long ? 'arrowUp' : 'arrowDown', text: trade.side });
      if (trade.closed !== null) markers.push({ time: bar(trade.closed), position: long ? 'aboveBar' : 'belowBar',
        color: Number(trade.net) >= 0 ? '#3fb950' : '#f85149', shape: 'circle', text: (trade.exit || '') + ' ' + (trade.net || '') });
    }
    markers.sort((a, b) => a.time - b.time);
    lib.createSeriesMarkers(candles, markers);
  }
  document.body.dataset.charts = 'drawn';
})();
`;
