/**
 * Resolves once `condition` holds, checking on every event-loop turn batch (no fixed sleep);
 * fails with `what` after `timeoutMs` of wall time.
 */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
