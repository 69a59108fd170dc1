/**
 * JSON bodies and query values as our servers accept them: text PostgreSQL can store, nesting a
 * person could have written. Both rules turn what used to be a 500 (PostgreSQL refusing a NUL or
 * an unpaired surrogate, a stack overflow on a 20,000-deep body) into a 400 that names the place.
 */

/** No payload of ours nests beyond about six levels (a signal's raw exchange payload). */
export const MAX_JSON_DEPTH = 32;

/** Longest key echoed in a problem: a 100 KB key is named by its start. */
const MAX_KEY_IN_MESSAGE = 64;

export type JsonTextOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'not_json' | 'too_deep' | 'unstorable_text'; readonly problem: string };

/**
 * Parses `raw` when it is JSON nesting at most `maxDepth` arrays and objects, whose strings and
 * keys hold no NUL and no unpaired UTF-16 surrogate. The problem is worded for the caller and
 * starts with the field it found, named as the schema errors name fields (`context.note: contains
 * …`), or `root` for the whole text (`body is not JSON`).
 */
export function parseJsonText(raw: string, root = 'body', maxDepth = MAX_JSON_DEPTH): JsonTextOutcome {
  // Measured on the text first: V8 parses deep nesting, but every walk after it would recurse.
  if (nestingExceeds(raw, maxDepth)) {
    return { ok: false, reason: 'too_deep', problem: `${root} nests deeper than ${maxDepth} levels` };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not_json', problem: `${root} is not JSON` };
  }
  const problem = findUnstorableText(value, root);
  return problem === undefined ? { ok: true, value } : { ok: false, reason: 'unstorable_text', problem };
}

/**
 * The first string or key in `value` that PostgreSQL's text cannot hold (a NUL, an unpaired
 * surrogate), as `field.path: what is wrong` (`root` when it is `value` itself); undefined when
 * there is none. Walks without recursion.
 */
export function findUnstorableText(value: unknown, root: string): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (;;) {
    const next = pending.pop();
    if (next === undefined) return undefined;
    const { value: item, path } = next;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return `${path || root}: ${problem}`;
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index -= 1) {
        pending.push({ value: item[index], path: `${path}[${index}]` });
      }
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        const problem = textProblem(key);
        if (problem) return `${path || root}: a key ${problem}`;
        const name = key.slice(0, MAX_KEY_IN_MESSAGE);
        pending.push({ value: child, path: path ? `${path}.${name}` : name });
      }
    }
  }
}

/** In `u` mode a proper surrogate pair is one code point, so this matches unpaired halves only. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/** True when arrays and objects nest deeper than `maxDepth` outside strings. */
function nestingExceeds(raw: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < raw.length; index += 1) {
    const char = raw.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index += 1; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}
