/**
 * A configuration file that cannot be evaluated: raised at LOAD time, never during a run, and naming the file,
 * the YAML path inside it (`mtf_validation.rules.rsi_lt_70`) and the offending key. This is the only exception
 * the MTF engine throws by design: a bad file is an operator error to fix before anything trades.
 */
export class MtfConfigError extends Error {
  override readonly name = 'MtfConfigError';
  readonly file: string;
  readonly path: string;
  readonly key: string;

  constructor(file: string, path: string, key: string, detail: string) {
    super(`${file}: ${path || '(root)'}: ${detail} [key: ${key}]`);
    this.file = file;
    this.path = path;
    this.key = key;
  }
}

/** Builds errors for one file, joining path segments the way they are written in YAML. */
export class ErrorSite {
  readonly file: string;
  readonly path: readonly (string | number)[];

  constructor(file: string, path: readonly (string | number)[] = []) {
    this.file = file;
    this.path = path;
  }

  at(...segments: (string | number)[]): ErrorSite {
    return new ErrorSite(this.file, [...this.path, ...segments]);
  }

  fail(key: string | number, detail: string): never {
    throw new MtfConfigError(this.file, joinPath(this.path), String(key), detail);
  }
}

export function joinPath(path: readonly (string | number)[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`))
    .join('')
    .replace(/^\./, '');
}
