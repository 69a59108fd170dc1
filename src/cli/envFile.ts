import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { Env } from '../platform/config/env.ts';

/**
 * `env` with the variables of a dotenv file (the seeds keep them in `.env`: docs/reference/seed-contracts.md#worker-environment) under it: a variable
 * already set wins, as with `process.loadEnvFile`, and a missing file adds nothing.
 */
export function withEnvFile(env: Env, path: string): Env {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw error;
  }
  return { ...parseEnv(text), ...env };
}
