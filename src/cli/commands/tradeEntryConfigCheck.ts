import type { Command } from 'commander';
import { CommanderError } from 'commander';
import {
  loadTradeEntryProfile,
  TradeEntryConfigError,
} from '../../trading-app/trade-entry/config/loadTradeEntryProfile.ts';
import type { TradeEntryProfile } from '../../trading-app/trade-entry/config/TradeEntryProfile.ts';
import type { ConsoleContext } from '../consoleContext.ts';

const INVALID_FILE = 2;

/**
 * `bin/console trade-entry:config:check FILE...`: loads each trade-entry file as the planner will
 * and prints what it will do, then every key it sets that changes nothing, with the reason. Stops at
 * the first invalid file naming the path inside it and the key, exit 2.
 */
export function registerTradeEntryConfigCheck(program: Command, context: ConsoleContext): void {
  program
    .command('trade-entry:config:check')
    .description('Load trade-entry YAML files and print the sizing, zone, stop, targets, leverage and limits they set')
    .argument('<files...>', 'trade-entry files (config/trade_entry*.yaml)')
    .action((files: string[]) => {
      for (const file of files) {
        try {
          context.stdout.write(describeTradeEntryProfile(loadTradeEntryProfile(file)));
        } catch (error) {
          if (!(error instanceof TradeEntryConfigError)) throw error;
          context.stderr.write(`error: ${error.message}\n`);
          throw new CommanderError(INVALID_FILE, 'trade-entry.config.invalid', error.message);
        }
      }
    });
}

const pct = (fraction: number): string => `${Number((fraction * 100).toPrecision(6))} %`;
const orNone = <T>(value: T | undefined, show: (value: T) => string): string =>
  value === undefined ? 'none' : show(value);

export function describeTradeEntryProfile(profile: TradeEntryProfile): string {
  const { sizing, zone, entry, stop, targets, trailing, leverage, limits, filters, decision } = profile;
  const basis = sizing.basis === 'equity' ? 'of equity' : `of min(${sizing.budgetUsdt} USDT budget, available balance)`;
  const fallback = entry.endOfZoneFallback;
  const lines = [
    `${profile.file}: OK (${profile.layout} layout, "${profile.name}"${profile.version ? `, version ${profile.version}` : ''})`,
    `  decision: execution timeframes ${decision.allowedExecutionTimeframes.join(', ') || 'any'}${decision.requirePriceOrAtr ? ', needs a price or an ATR' : ''}; key ${profile.decisionKeyTemplate}`,
    `  sizing: risk ${pct(sizing.riskFraction)} ${basis}${Object.keys(sizing.timeframeMultipliers).length > 0 ? `, per timeframe ×${JSON.stringify(sizing.timeframeMultipliers)}` : ''}`,
    `  zone: ${zone.anchor} on ${zone.timeframe}, half-width ${zone.kAtr}×ATR within ${pct(zone.widthMin)}..${pct(zone.widthMax)}, valid ${zone.ttlSeconds} s`,
    `  entry: ${entry.orderType}${entry.makerFirst ? ' maker-first' : ''}, ${entry.marginMode}, ${entry.insideTicks} tick(s) inside; end-of-zone taker fallback ${orNone(fallback, (f) => `${f.secondsBeforeEnd} s before the end, spread ≤ ${pct(f.maxSpread)}, slippage ≤ ${pct(f.maxSlippage)}`)}`,
    `  stop: from ${stop.from} (${stop.atrK}×ATR ${stop.atrTimeframe}${stop.from === 'pivot' ? `, pivot ${stop.pivotPolicy} − ${pct(stop.pivotBuffer)}` : ''}), at least ${pct(stop.minDistance)} away${stop.minAtrMultiple === undefined ? '' : `, ≥ ${stop.minAtrMultiple}×ATR`}${stop.maxAtrMultiple === undefined ? '' : `, ≤ ${stop.maxAtrMultiple}×ATR`}`,
    `  targets: ${targets.targets.map((target, index) => `TP${index + 1} ${target.rMultiple}R × ${pct(target.fraction)}`).join(', ')}${targets.pivotAlignment ? ', aligned on pivots' : ''}`,
    `  after TP1: ${orNone(trailing, (t) => `${t.afterTp1}${t.afterTp1 === 'atr_chandelier' ? ` ${t.atrK}×ATR ${t.atrTimeframe}` : ''}${t.hardTimeStopSeconds ? `, time stop ${t.hardTimeStopSeconds} s` : ''}`)}`,
    `  leverage: ${leverage.floor}..${leverage.exchangeCap}, ≤ ${leverage.kDynamic}/stop, rounded ${leverage.rounding}${leverage.perSymbolCaps.length > 0 ? `, caps ${leverage.perSymbolCaps.map((cap) => `${cap.pattern.source}→${cap.cap}`).join(' ')}` : ''}`,
    `  limits: daily loss ${orNone(limits.dailyLossFraction, pct)}${limits.dailyLossUsdt === undefined ? '' : ` or ${limits.dailyLossUsdt} USDT`}, positions ${limits.maxConcurrentPositions ?? 'any'}, trades/day ${limits.dailyMaxTrades ?? 'any'}, per symbol/day ${limits.perSymbolDailyMaxTrades ?? 'any'}, cooldown ${limits.symbolCooldownSeconds} s`,
    `  filters: spread ≤ ${orNone(filters.maxSpread, pct)}${filters.requireVolumeRatioOk ? ', volume_ratio_ok' : ''}${filters.minLiquidityNotionalUsdt === undefined ? '' : `, 24 h turnover ≥ ${filters.minLiquidityNotionalUsdt} USDT`}`,
    ...profile.unused.map((key) => `  not used: ${key.path}: ${key.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}
