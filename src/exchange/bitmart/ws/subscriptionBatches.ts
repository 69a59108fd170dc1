import { MAX_ARGS_BYTES } from './connectionPolicy.ts';

/**
 * Splits topics into subscribe requests of at most `maxTopics` topics whose `args` stay within
 * `maxArgsBytes`. The size is measured as the JSON array (quotes and commas included), which is
 * never less than the sum of the topics' bytes that BitMart counts, so a batch never hits the limit.
 */
export function batchTopics(
  topics: readonly string[],
  maxTopics: number,
  maxArgsBytes: number = MAX_ARGS_BYTES,
): string[][] {
  if (maxTopics < 1) throw new RangeError(`a batch holds at least one topic, got ${maxTopics}`);
  const batches: string[][] = [];
  let current: string[] = [];
  let currentBytes = 2; // "[]"
  for (const topic of topics) {
    const topicBytes = Buffer.byteLength(JSON.stringify(topic), 'utf8') + 1; // + the comma
    if (topicBytes + 2 > maxArgsBytes) throw new RangeError(`topic ${topic} alone exceeds ${maxArgsBytes} bytes`);
    if (current.length >= maxTopics || currentBytes + topicBytes > maxArgsBytes) {
      batches.push(current);
      current = [];
      currentBytes = 2;
    }
    current.push(topic);
    currentBytes += topicBytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
