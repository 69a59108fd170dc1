import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { loadMtfConfig, type MtfConfig, MtfConfigError } from '../../trading-app/mtf/index.ts';
import { conditionsUsed, rulesUsed } from '../../trading-app/mtf/rules/RuleNode.ts';
import { MTF_TIMEFRAMES } from '../../trading-app/mtf/timeframes.ts';
import type { ConsoleContext } from '../consoleContext.ts';

/** Exit code when a file is invalid, as for any usage error of the console. */
const INVALID_FILE = 2;

/**
 * `bin/console mtf:config:check FILE...`: loads each validation file as a run would and prints what it will
 * evaluate. Stops at the first invalid file with its path inside the file and the offending key, exit 2.
 */
export function registerMtfConfigCheck(program: Command, context: ConsoleContext): void {
  program
    .command('mtf:config:check')
    .description('Load MTF validation YAML files and print the timeframes, rules and conditions they evaluate')
    .argument('<files...>', 'validation files (config/mtf_validations*.yaml)')
    .action((files: string[]) => {
      for (const file of files) {
        try {
          context.stdout.write(describeMtfConfig(loadMtfConfig(file)));
        } catch (error) {
          if (!(error instanceof MtfConfigError)) throw error;
          context.stderr.write(`error: ${error.message}\n`);
          throw new CommanderError(INVALID_FILE, 'mtf.config.invalid', error.message);
        }
      }
    });
}

export function describeMtfConfig(config: MtfConfig): string {
  const lines = [
    `${config.file}: OK (${config.layout} layout, mode ${config.mode}${config.version ? `, version ${config.version}` : ''})`,
    `  context: ${config.contextTimeframes.join(', ')}  execution: ${config.executionTimeframes.join(', ')} (default ${config.executionTimeframeDefault}${config.allowSkipLowerTimeframe ? ', may skip lower' : ''})`,
  ];
  for (const timeframe of MTF_TIMEFRAMES) {
    const rules = config.validation[timeframe];
    if (!rules) continue;
    const evaluated = config.timeframes.includes(timeframe) ? '' : ' (configured, not evaluated)';
    for (const side of ['long', 'short'] as const) {
      const node = rules[side];
      const used = node ? [...rulesUsed(node)].sort() : [];
      const conditions = node ? [...conditionsUsed(node)].sort() : [];
      lines.push(
        `  ${timeframe} ${side}${evaluated}: rules [${used.join(', ')}] conditions [${conditions.join(', ')}]`,
      );
    }
  }
  if (config.filtersMandatory) {
    const filters = config.filtersMandatory;
    lines.push(
      `  filters_mandatory: rules [${[...rulesUsed(filters)].sort().join(', ')}] conditions [${[...conditionsUsed(filters)].sort().join(', ')}]`,
    );
  }
  if (config.executionSelector)
    lines.push(`  execution_selector: ${Object.keys(config.executionSelector.perTimeframe).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
