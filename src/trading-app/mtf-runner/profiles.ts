import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_PROFILE = 'scalper_micro';
/** `default` names the 2025-11 single file (`mtf_validations.yaml`), which has no profile suffix. */
export const BASE_PROFILE = 'default';

/** A profile name that is not a validation file: the caller's input, named in the message. */
export class UnknownProfileError extends Error {
  override readonly name = 'UnknownProfileError';
  constructor(
    readonly profile: string,
    readonly known: readonly string[],
  ) {
    super(`unknown profile "${profile}"; known: ${known.join(', ')}`);
  }
}

/**
 * Profile NAME → `{configDirectory}/mtf_validations.NAME.yaml` (the original's
 * `config/app/mtf_validations.<mode>.yaml`). Names are plain words, so a name can never point
 * outside the configuration directory.
 */
export function profileConfigPath(configDirectory: string, profile: string): string {
  const known = knownProfiles(configDirectory);
  if (!/^[a-z0-9_]{1,40}$/.test(profile) || !known.includes(profile)) throw new UnknownProfileError(profile, known);
  return join(configDirectory, profile === BASE_PROFILE ? 'mtf_validations.yaml' : `mtf_validations.${profile}.yaml`);
}

export function knownProfiles(configDirectory: string): string[] {
  const names = ['regular', 'scalper', 'scalper_micro'].filter((name) =>
    existsSync(join(configDirectory, `mtf_validations.${name}.yaml`)),
  );
  if (existsSync(join(configDirectory, 'mtf_validations.yaml'))) names.push(BASE_PROFILE);
  return names;
}
