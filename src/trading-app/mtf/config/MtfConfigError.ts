import { ConfigFileError } from '../../../platform/config/ConfigFileError.ts';

export { ErrorSite } from '../../../platform/config/ConfigFileError.ts';

/** An MTF validation file that cannot be evaluated; the only exception the MTF engine throws by design. */
export class MtfConfigError extends ConfigFileError {
  override readonly name = 'MtfConfigError';
}
