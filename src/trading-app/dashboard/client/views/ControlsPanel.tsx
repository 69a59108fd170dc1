import { useState } from 'preact/hooks';
import type { Switch } from '../api/types.ts';
import { useControl } from '../controls/ControlContext.tsx';
import { useJson, useLive } from '../hooks.ts';

const SYMBOL = /^[A-Z0-9]{2,30}$/;

/** The trader's hands: entries, flatten, the kill switch and the symbol switches, each confirmed first. */
export function ControlsPanel() {
  const live = useLive();
  const act = useControl();
  const paused = live.health?.entries_paused ?? false;
  const killed = live.health?.kill_switch ?? false;
  const [switchRevision, setSwitchRevision] = useState(0);
  const switches = useJson<{ data: Switch[] }>('/api/mtf/switches', `${switchRevision}:${live.revisions.audit}`);
  const after = (done: Promise<boolean>) => void done.then(() => setSwitchRevision((count) => count + 1));
  const openCount = live.positions?.length ?? 0;

  return (
    <section aria-labelledby="controls-title">
      <h2 id="controls-title">Controls</h2>
      <div class="controls">
        {paused ? (
          <button
            type="button"
            onClick={() =>
              void act({
                title: 'Resume entries',
                detail: 'New trades may be entered again.',
                confirmLabel: 'Resume entries',
                path: '/api/controls/entries/resume',
              })
            }
          >
            Resume entries
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              void act({
                title: 'Pause entries',
                detail: 'No new trade will be entered. Open positions stay managed (stops, targets, time stop).',
                confirmLabel: 'Pause entries',
                path: '/api/controls/entries/pause',
              })
            }
          >
            Pause entries
          </button>
        )}
        <button
          type="button"
          class="danger"
          onClick={() =>
            void act({
              title: 'Flatten all',
              detail: `Close every open position (${openCount}) at market on the exchange.`,
              confirmLabel: 'Close everything at market',
              path: '/api/controls/flatten',
            })
          }
        >
          Flatten all
        </button>
        <button
          type="button"
          class={killed ? '' : 'danger'}
          aria-pressed={killed}
          onClick={() =>
            void act({
              title: killed ? 'Kill switch off' : 'Kill switch on',
              detail: killed
                ? 'The MTF runner decides again on its schedule.'
                : 'The MTF runner stops deciding: no new decision, no new trade, until the switch is turned off.',
              confirmLabel: killed ? 'Turn the kill switch off' : 'Stop the runner',
              path: '/api/controls/kill-switch',
              body: { on: !killed },
            })
          }
        >
          Kill switch: {killed ? 'ON' : 'off'}
        </button>
      </div>
      <SymbolSwitches switches={switches.data?.data ?? []} error={switches.error} onChange={after} />
    </section>
  );
}

function SymbolSwitches(props: {
  switches: readonly Switch[];
  error: string | undefined;
  onChange: (done: Promise<boolean>) => void;
}) {
  const act = useControl();
  const [symbol, setSymbol] = useState('');
  const valid = SYMBOL.test(symbol);
  const toggle = (target: string, on: boolean) =>
    props.onChange(
      act({
        title: `Switch ${target} ${on ? 'on' : 'off'}`,
        detail: on ? `The runner decides on ${target} again.` : `The runner skips ${target} until it is switched on.`,
        confirmLabel: `Switch ${target} ${on ? 'on' : 'off'}`,
        path: '/api/mtf/switches',
        rawBody: { key: `SYMBOL:${target}`, is_on: on, description: 'dashboard', actor: 'dashboard' },
      }),
    );
  const symbolSwitches = props.switches.filter((row) => row.key.startsWith('SYMBOL:'));
  return (
    <div class="switches">
      <h3>Symbol switches</h3>
      <form
        class="inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) toggle(symbol, false);
        }}
      >
        <label for="switch-symbol">Symbol</label>
        <input
          id="switch-symbol"
          value={symbol}
          placeholder="BTCUSDT"
          autocomplete="off"
          onInput={(event) => setSymbol(event.currentTarget.value.trim().toUpperCase())}
        />
        <button type="submit" disabled={!valid}>
          Switch off
        </button>
        <button type="button" disabled={!valid} onClick={() => toggle(symbol, true)}>
          Switch on
        </button>
      </form>
      {props.error && <p class="negative">{props.error}</p>}
      {symbolSwitches.length > 0 && (
        <ul class="switch-list">
          {symbolSwitches.map((row) => {
            const target = row.key.slice('SYMBOL:'.length);
            return (
              <li key={row.key}>
                {target}: <strong>{row.effective_on ? 'on' : 'off'}</strong>
                {row.expires_at && !row.effective_on ? ` until ${new Date(row.expires_at).toLocaleString()}` : ''}{' '}
                <button type="button" class="small" onClick={() => toggle(target, !row.effective_on)}>
                  Switch {row.effective_on ? 'off' : 'on'}
                  <span class="visually-hidden"> {target}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
