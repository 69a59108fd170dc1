import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigFileError, ErrorSite } from '../../../platform/config/ConfigFileError.ts';
import { DEFAULT_PROFILE } from '../../mtf-runner/profiles.ts';
import { ProfileFileSchema, SectionedFileSchema } from './fileSchemas.ts';
import { fromProfileFile } from './fromProfileFile.ts';
import { fromSectionedFile } from './fromSectionedFile.ts';
import type { TradeEntryProfile } from './TradeEntryProfile.ts';

/** A trade-entry file that cannot be used, naming the file, the YAML path and the key. */
export class TradeEntryConfigError extends ConfigFileError {
  override readonly name = 'TradeEntryConfigError';
}

/** Reads one `trade_entry*.yaml` in either layout. Throws `TradeEntryConfigError` on any defect. */
export function loadTradeEntryProfile(path: string): TradeEntryProfile {
  const site = new ErrorSite(path, [], TradeEntryConfigError);
  return fromDocument(site.readYaml(), site);
}

export function parseTradeEntryProfile(text: string, file: string): TradeEntryProfile {
  const site = new ErrorSite(file, [], TradeEntryConfigError);
  return fromDocument(site.parseYaml(text), site);
}

/**
 * The file of an MTF profile: `trade_entry.<profile>.yaml` when the directory has one, else the
 * single `trade_entry.yaml` of the 2025-11 layout.
 */
export function tradeEntryFileFor(configDirectory: string, profile: string): string {
  const own = join(configDirectory, `trade_entry.${profile}.yaml`);
  return existsSync(own) ? own : join(configDirectory, 'trade_entry.yaml');
}

/**
 * The trade-entry profile of each MTF profile, each file read once (`trade_entry.<profile>.yaml`,
 * else `trade_entry.yaml`); `scalper_micro` when the run names none.
 */
export function tradeEntryProfiles(configDirectory: string): (mtfProfile: string | undefined) => TradeEntryProfile {
  const loaded = new Map<string, TradeEntryProfile>();
  return (mtfProfile) => {
    const file = tradeEntryFileFor(configDirectory, mtfProfile ?? DEFAULT_PROFILE);
    let profile = loaded.get(file);
    if (!profile) {
      profile = loadTradeEntryProfile(file);
      loaded.set(file, profile);
    }
    return profile;
  };
}

function fromDocument(document: unknown, site: ErrorSite): TradeEntryProfile {
  const layout = layoutOf(document, site);
  const schema = layout === 'sectioned' ? SectionedFileSchema : ProfileFileSchema;
  const parsed = schema.safeParse(document);
  if (!parsed.success) throw site.fromZod(parsed.error);
  const profile =
    layout === 'sectioned'
      ? fromSectionedFile(SectionedFileSchema.parse(document), site)
      : fromProfileFile(ProfileFileSchema.parse(document));
  checkCoherence(profile, site);
  return Object.freeze({ file: site.file, ...profile });
}

function layoutOf(document: unknown, site: ErrorSite): 'sectioned' | 'profile' {
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    if ('trade_entry' in document) return 'sectioned';
    if ('profile' in document || 'risk' in document) return 'profile';
  }
  return site.fail(
    '(root)',
    'expected `trade_entry:` (the 2025-11 layout) or `profile:` with `risk:` (the December 2025 profile layout)',
  );
}

/** What each value allows alone but not together. */
function checkCoherence(profile: Omit<TradeEntryProfile, 'file'>, site: ErrorSite): void {
  const [tp1, tp2] = profile.targets.targets;
  if (tp1 && tp2 && tp2.rMultiple <= tp1.rMultiple) {
    const at = profile.layout === 'profile' ? site.at('take_profit', 'tp2') : site.at('trade_entry', 'defaults');
    at.fail('r_multiple', 'TP2 must be further than TP1');
  }
  if (profile.zone.widthMin > profile.zone.widthMax) {
    site.fail(
      'w_min',
      `the zone's minimum width ${profile.zone.widthMin} exceeds its maximum ${profile.zone.widthMax}`,
    );
  }
  const { minAtrMultiple, maxAtrMultiple } = profile.stop;
  if (minAtrMultiple !== undefined && maxAtrMultiple !== undefined && minAtrMultiple > maxAtrMultiple) {
    site.at('risk').fail('max_stop_atr_multiple', 'below min_stop_atr_multiple');
  }
  for (const placeholder of ['{symbol}', '{candle_open_ts}']) {
    if (!profile.decisionKeyTemplate.includes(placeholder)) {
      site
        .at('trade_entry', 'post_validation', 'idempotency')
        .fail(
          'decision_key_tpl',
          `must contain ${placeholder}: a key that does not tell decisions apart would merge them`,
        );
    }
  }
  if (profile.sizing.riskFraction <= 0) {
    site.fail(profile.layout === 'profile' ? 'risk_pct' : 'risk_pct_percent', 'a trade must risk more than nothing');
  }
}
