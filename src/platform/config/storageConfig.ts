import { z } from 'zod';
import { type Env, parseEnv } from './env.ts';

/** docker-compose writes `NAME=` for an unset optional variable: treat blank as unset. */
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

/**
 * Where the trading-app's database lives, the same variables as `app:serve`. One-shot commands
 * that only persist market data (bitmart:fetch-*) read this alone, so they need no worker secret.
 */
const StorageEnvSchema = z.object({
  DATABASE_URL: unsetIfBlank(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: unsetIfBlank(z.string().trim().default('./var/data')),
});

export type StorageConfig = Readonly<{
  /** Undefined: embedded PGlite under `dataDirectory`. */
  databaseUrl: string | undefined;
  dataDirectory: string;
}>;

export function loadStorageConfig(env: Env = process.env): StorageConfig {
  const parsed = parseEnv(StorageEnvSchema, env);
  return Object.freeze({ databaseUrl: parsed.DATABASE_URL, dataDirectory: parsed.DATA_DIR });
}
