import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, ManualClock } from '../../../src/platform/clock/index.ts';
import { silentLogger } from '../../../src/platform/logging/logger.ts';
import {
  createSignalOutbox,
  type DurableSignalOutbox,
  type OutgoingSignal,
  type SignalKind,
  type SignalOutboxOptions,
} from '../../../src/ws-worker/signals/index.ts';
import { waitFor } from '../../support/waitFor.ts';

export const SECRET = 'test-shared-secret';

export interface Workspace {
  readonly root: string;
  readonly directory: string;
  readonly failureLogs: Readonly<Record<SignalKind, string>>;
  remove(): Promise<void>;
}

/** A scratch directory for one test: the outbox directory and the three failure logs (nested, not yet created). */
export async function createWorkspace(): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'signal-outbox-'));
  return {
    root,
    directory: join(root, 'outbox'),
    failureLogs: {
      order: join(root, 'var', 'order-signal-failures.log'),
      balance: join(root, 'var', 'balance-signal-failures.log'),
      callback: join(root, 'var', 'logs', 'callback-failures.log'),
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export function outboxIn(
  workspace: Workspace,
  clock: Clock,
  overrides: Partial<SignalOutboxOptions> = {},
): DurableSignalOutbox {
  return createSignalOutbox({
    directory: workspace.directory,
    clock,
    logger: silentLogger(),
    sharedSecret: SECRET,
    requestTimeoutMs: 2_000,
    maxRetries: 5,
    failureLogs: workspace.failureLogs,
    ...overrides,
  });
}

export function newClock(): ManualClock {
  return new ManualClock(Date.UTC(2026, 0, 5, 10, 0, 0));
}

let counter = 0;

/** An order-like signal; `key` groups signals that must keep their order. */
export function signal(url: string, key: string, extra: Record<string, unknown> = {}): OutgoingSignal {
  counter += 1;
  const traceId = `trace-${String(counter).padStart(6, '0')}`;
  return { kind: 'order', url, orderingKey: key, traceId, payload: { key, n: counter, trace_id: traceId, ...extra } };
}

/** Waits until no attempt is under way and `condition` holds (the outbox has acted on every answer). */
export async function settled(outbox: DurableSignalOutbox, condition: () => boolean, what: string): Promise<void> {
  try {
    await waitFor(() => condition() && outbox.status().inFlight === 0, what);
  } catch (error) {
    // The outbox's counters say whether it is waiting for a retry, still sending, or gave up.
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; outbox ${JSON.stringify(outbox.status())}`,
    );
  }
}

export async function readJsonLines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
