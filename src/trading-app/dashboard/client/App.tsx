import { ControlProvider } from './controls/ControlContext.tsx';
import { useHashRoute, useLive } from './hooks.ts';
import { AlertBanner, ConnectionStatus } from './views/AlertBanner.tsx';
import { BacktestsView } from './views/BacktestsView.tsx';
import { ChartView } from './views/ChartView.tsx';
import { ControlsPanel } from './views/ControlsPanel.tsx';
import { DecisionsView } from './views/DecisionsView.tsx';
import { EquityView } from './views/EquityView.tsx';
import { HealthBanner } from './views/HealthBanner.tsx';
import { OrdersView } from './views/OrdersView.tsx';
import { PositionsTable } from './views/PositionsTable.tsx';
import { TradesView } from './views/TradesView.tsx';
import { TradeView } from './views/TradeView.tsx';

const VIEWS = [
  { path: '', label: 'Positions' },
  { path: 'equity', label: 'Equity' },
  { path: 'chart', label: 'Chart' },
  { path: 'trades', label: 'Trades' },
  { path: 'decisions', label: 'Decisions' },
  { path: 'orders', label: 'Orders & schedules' },
  { path: 'backtests', label: 'Backtests' },
] as const;

function View({ route }: { route: string[] }) {
  const [view, first, second] = route;
  switch (view) {
    case 'equity':
      return <EquityView />;
    case 'chart':
      return <ChartView symbol={first} tradeId={second} />;
    case 'trades':
      return first ? <TradeView id={first} /> : <TradesView />;
    case 'decisions':
      return <DecisionsView symbol={first} runId={second} />;
    case 'orders':
      return <OrdersView />;
    case 'backtests':
      return <BacktestsView />;
    default:
      return <Overview />;
  }
}

function Overview() {
  const live = useLive();
  return (
    <>
      <PositionsTable live={live} />
      <ControlsPanel />
    </>
  );
}

/** Every view under the same top: the no-stop alert, the connection, the health banner and the menu. */
export function App() {
  const live = useLive();
  const route = useHashRoute();
  const current = route[0] ?? '';
  return (
    <ControlProvider>
      <AlertBanner live={live} />
      <header>
        <h1>Trading dashboard</h1>
        <ConnectionStatus live={live} />
        <nav aria-label="Views">
          <ul>
            {VIEWS.map((view) => (
              <li key={view.path}>
                <a href={`#/${view.path}`} aria-current={current === view.path ? 'page' : undefined}>
                  {view.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <HealthBanner live={live} />
      <main>
        <View route={route} />
      </main>
    </ControlProvider>
  );
}
