import { crc32 } from 'node:zlib';

/**
 * The `checksum` of a `books` push (https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel):
 * CRC32, as a signed 32-bit integer, of the top 25 levels interleaved `bidPx:bidSz:askPx:askSz:…`
 * (a side that runs out is skipped), prices and sizes as the strings sent.
 */
export const OKX_BOOK_CHECKSUM_LEVELS = 25;

export function okxBookChecksum(bids: readonly (readonly string[])[], asks: readonly (readonly string[])[]): number {
  const parts: string[] = [];
  for (let level = 0; level < OKX_BOOK_CHECKSUM_LEVELS; level++) {
    const bid = bids[level];
    const ask = asks[level];
    if (bid) parts.push(`${bid[0]}:${bid[1]}`);
    if (ask) parts.push(`${ask[0]}:${ask[1]}`);
  }
  return crc32(parts.join(':')) | 0;
}
