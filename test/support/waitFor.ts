/**
 * Resolves once `check` holds: state another component changes on its own events (a socket's
 * message, a child process's HTTP answer, a file write) where the test has no event of its own to
 * await. `check` runs at once, then after each turn of the event loop (promise chains and ready
 * I/O run in between), then, while nothing changes, every 1, 2, 4, 8 and at most 10 ms: a wait costs
 * its event's latency, never a fixed sleep, and an idle wait does not spin a core.
 *
 * Fails after `timeoutMs` of wall time naming `what` was awaited, with the last error `check`
 * threw (an HTTP read of a process still starting, say).
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      if (await check()) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await pause(attempt);
  }
}

/** A few bare event-loop turns first (what is already in flight), then a short, capped backoff. */
function pause(attempt: number): Promise<void> {
  const TURNS = 3;
  if (attempt < TURNS) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, Math.min(2 ** (attempt - TURNS), 10)));
}
