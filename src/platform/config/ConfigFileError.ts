import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';

/**
 * A configuration file that cannot be used: raised at LOAD time, never while trading, and naming the
 * file, the YAML path inside it (`mtf_validation.rules.rsi_lt_70`) and the offending key. A bad file
 * is an operator error to fix before anything trades.
 */
export class ConfigFileError extends Error {
  override readonly name: string = 'ConfigFileError';
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

type ConfigFileErrorClass = new (file: string, path: string, key: string, detail: string) => ConfigFileError;

/** Builds errors for one file, joining path segments the way they are written in YAML. */
export class ErrorSite {
  readonly file: string;
  readonly path: readonly (string | number)[];
  readonly #errorClass: ConfigFileErrorClass;

  constructor(
    file: string,
    path: readonly (string | number)[] = [],
    errorClass: ConfigFileErrorClass = ConfigFileError,
  ) {
    this.file = file;
    this.path = path;
    this.#errorClass = errorClass;
  }

  at(...segments: (string | number)[]): ErrorSite {
    return new ErrorSite(this.file, [...this.path, ...segments], this.#errorClass);
  }

  fail(key: string | number, detail: string): never {
    throw new this.#errorClass(this.file, joinPath(this.path), String(key), detail);
  }

  /** The first issue of a schema check, placed under this site: unknown keys are named as such. */
  fromZod(error: z.ZodError): ConfigFileError {
    const issue = error.issues[0];
    if (!issue) return new this.#errorClass(this.file, joinPath(this.path), '(unknown)', 'invalid configuration');
    const path = [
      ...this.path,
      ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    ];
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '(unknown)';
      return new this.#errorClass(this.file, joinPath(path), key, `unknown key(s): ${issue.keys.join(', ')}`);
    }
    const key = path.length > 0 ? String(path[path.length - 1]) : '(root)';
    return new this.#errorClass(this.file, joinPath(path.slice(0, -1)), key, issue.message);
  }

  /** Reads and parses the site's file as YAML (duplicate keys refused); a failure names the file. */
  readYaml(): unknown {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      return this.fail('(file)', `cannot read: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.parseYaml(text);
  }

  parseYaml(text: string): unknown {
    try {
      return parse(text, { uniqueKeys: true, prettyErrors: true });
    } catch (error) {
      return this.fail('(yaml)', `invalid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function joinPath(path: readonly (string | number)[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`))
    .join('')
    .replace(/^\./, '');
}
