import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Header and field names that carry secrets; pino replaces their values before anything is written. */
const REDACTED_PATHS = [
  'apiSecret',
  'secret',
  'sharedSecret',
  'token',
  '*.apiSecret',
  '*.secret',
  '*.sharedSecret',
  '*.token',
  'headers["x-bm-sign"]',
  'headers.authorization',
  'req.headers["x-bm-sign"]',
  'req.headers.authorization',
  'req.headers["x-ws-worker-signature"]',
];

export interface LoggerOptions {
  readonly name: string;
  readonly level?: string;
  /** Human-readable output for a terminal; JSON lines otherwise. */
  readonly pretty?: boolean;
  /** Where the JSON lines go; default standard output. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(options.pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that writes nothing, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
