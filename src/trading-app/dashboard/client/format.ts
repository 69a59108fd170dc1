/**
 * Display only: the API's decimal strings are rounded for the eye here and never computed with.
 * Prices are shown as the exchange sent them.
 */
const USDT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function usdt(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const number = Number(value);
  return Number.isFinite(number) ? USDT.format(number) : value;
}

/** A percentage sent as a percentage (`"1.25"` is 1.25 %). */
export function percent(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const number = Number(value);
  return Number.isFinite(number) ? `${PERCENT.format(number)} %` : String(value);
}

export function price(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : value;
}

/** `positive` / `negative` / `` for the sign colour of an amount. */
export function signClass(value: string | number | null | undefined): string {
  const number = Number(value);
  if (!Number.isFinite(number) || number === 0) return '';
  return number > 0 ? 'positive' : 'negative';
}

export function time(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** "3 s ago", "4 min ago", "2 h ago" from a duration in ms. */
export function age(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

export function since(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  return `${age(now - new Date(iso).getTime())} ago`;
}

export function duration(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  if (!fromIso) return '—';
  const end = toIso ? new Date(toIso).getTime() : Date.now();
  return age(end - new Date(fromIso).getTime());
}

/** A fraction shown as a percentage (`"0.0125"` is 1.25 %): the daily ROI. */
export function fraction(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const number = Number(value);
  return Number.isFinite(number) ? percent(number * 100) : value;
}
