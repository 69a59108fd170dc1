import { z } from 'zod';

/** One trade as the app records it (`GET /api/trades`), the fields a backtest reports. */
const TradeRecordSchema = z.object({
  decision_key: z.string(),
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  status: z.string(),
  reason: z.string().nullable(),
  entry_price: z.string().nullable(),
  quantity: z.string().nullable(),
  exit_reason: z.string().nullable(),
  exit_price: z.string().nullable(),
  realized_pnl_gross: z.string().nullable(),
  fees: z.string().nullable(),
  funding: z.string().nullable(),
  realized_pnl_net: z.string().nullable(),
  r_multiple: z.string().nullable(),
  accounting: z.string().nullable(),
  created_at: z.string(),
  opened_at: z.string().nullable(),
  closed_at: z.string().nullable(),
});
export type TradeRecord = Omit<z.infer<typeof TradeRecordSchema>, 'reason' | 'created_at'>;

const PageSchema = z.object({ data: z.array(TradeRecordSchema) });
const PAGE = 500;
/** Statuses of a decision that traded; the others (skipped, refused, failed, ...) are counted by reason. */
const TRADED = new Set(['open', 'closed']);

/**
 * Every trade record of the app, oldest first, through its own API (newest first, 500 a page, paged
 * back by creation time). A trade whose accounting the venue has not made final yet is reconciled
 * first, as the app's schedule would a minute later.
 */
export async function collectTrades(
  appUrl: string,
): Promise<{ trades: TradeRecord[]; notTraded: Record<string, number> }> {
  await reconcilePending(appUrl, await listAll(appUrl));
  const rows = await listAll(appUrl);
  const trades: TradeRecord[] = [];
  const notTraded: Record<string, number> = {};
  for (const { reason, created_at: _created, ...row } of rows) {
    if (TRADED.has(row.status)) trades.push(row);
    else {
      const key = `${row.status}: ${reason ?? 'no reason'}`;
      notTraded[key] = (notTraded[key] ?? 0) + 1;
    }
  }
  trades.sort(
    (a, b) => (a.opened_at ?? '').localeCompare(b.opened_at ?? '') || a.decision_key.localeCompare(b.decision_key),
  );
  return { trades, notTraded: Object.fromEntries(Object.entries(notTraded).sort(([a], [b]) => a.localeCompare(b))) };
}

async function listAll(appUrl: string): Promise<z.infer<typeof TradeRecordSchema>[]> {
  const byKey = new Map<string, z.infer<typeof TradeRecordSchema>>();
  let before: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(before ? { to: before } : {}) });
    const page = PageSchema.parse(await getJson(`${appUrl}/api/trades?${query}`)).data;
    const fresh = page.filter((row) => !byKey.has(row.decision_key));
    for (const row of page) byKey.set(row.decision_key, row);
    const oldest = page.at(-1)?.created_at;
    if (page.length < PAGE || fresh.length === 0 || !oldest) break;
    // `to` is exclusive: one millisecond past the oldest keeps the rows that share its time.
    before = new Date(Date.parse(oldest) + 1).toISOString();
  }
  return [...byKey.values()];
}

async function reconcilePending(appUrl: string, rows: readonly z.infer<typeof TradeRecordSchema>[]): Promise<void> {
  for (const row of rows) {
    if (!TRADED.has(row.status) || row.accounting === 'final') continue;
    const response = await fetch(`${appUrl}/api/trades/${encodeURIComponent(row.decision_key)}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await response.arrayBuffer();
  }
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}
