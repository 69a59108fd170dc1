import { z } from 'zod';

/** Raised when an environment variable is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses the variables a component needs with a zod object schema. Only this folder reads
 * `process.env` (docs/style.md#config); components receive the frozen result.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env = process.env): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'invalid');
  }
  return Object.freeze(result.data);
}

/** `host:port`, the format of the seeds' `CTRL_ADDR` and of `SIM_ADDR`. */
export const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[\w.-]+):\d{1,5}$/, 'expected host:port, for example 127.0.0.1:8090')
  .transform((value) => {
    const at = value.lastIndexOf(':');
    const host = value.slice(0, at).replace(/^\[|\]$/g, '');
    const port = Number(value.slice(at + 1));
    if (port > 65535) throw new Error('port out of range');
    return { host, port };
  });

/**
 * Comma-separated `host` or `host:port` names callers may put in `Host` besides loopback and the
 * bound address (`CTRL_ALLOWED_HOSTS`, `APP_ALLOWED_HOSTS`, `SIM_ALLOWED_HOSTS`: decision 0013).
 */
export const allowedHostList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^(\[[0-9a-fA-F:.]+\]|[\w.-]+)(:\d{1,5})?$/, 'expected host names such as ws-worker or localhost:8089'),
    ),
  );

export const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    message: 'expected 1/0, true/false, yes/no or on/off',
  })
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

export const positiveInt = z.coerce.number().int().positive();
export const nonNegativeInt = z.coerce.number().int().nonnegative();

/** A venue's URL in one of `protocols` (`http`, `wss`...): a `ws://` REST base fails at start, not at the first call. */
export const urlWithProtocol = (protocols: readonly string[]) =>
  z
    .url({ message: `expected a ${protocols.join(' or ')} URL` })
    .refine(
      (value) => protocols.some((protocol) => value.startsWith(`${protocol}://`)),
      `expected a ${protocols.join(' or ')} URL`,
    );

/** A REST base URL as the clients append paths to it: without trailing slashes. */
export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');
