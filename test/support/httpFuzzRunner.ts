import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { FuzzCase, FuzzRoute } from './httpFuzzCorpus.ts';

export interface FuzzRun {
  readonly app: FastifyInstance;
  /** What a refused request must leave as it was (read after every refused request). */
  readonly state: () => Promise<unknown>;
  /** Completes a request before it is sent: the app signs its signal routes' bodies. */
  readonly prepare?: (request: FuzzCase['request']) => FuzzCase['request'];
  /** Each request is answered within this, or the case fails as a hang. */
  readonly boundMs?: number;
}

/**
 * Sends each case and returns what went wrong, one line per case: a 5xx, no answer within the
 * bound, a refusal (4xx) after which `state` differs, or a must-refuse case answered 2xx. An
 * accepted request may change the state: the next comparison starts from what it left.
 */
export async function runFuzzCases(run: FuzzRun, cases: readonly FuzzCase[]): Promise<string[]> {
  const failures: string[] = [];
  let before = JSON.stringify(await run.state());
  for (const { name, request, mustRefuse } of cases) {
    const problem = await send(run, name, request);
    if (typeof problem === 'string') {
      failures.push(problem);
      continue;
    }
    if (mustRefuse && problem.statusCode < 400) failures.push(`${name}: accepted with ${problem.statusCode}`);
    const after = JSON.stringify(await run.state());
    if (problem.statusCode >= 400 && after !== before) {
      failures.push(`${name}: refused with ${problem.statusCode}, yet the state changed`);
    }
    before = after;
  }
  return failures;
}

/**
 * Random requests by fast-check over `routes`: JSON objects with the routes' field names and
 * others, any string (NUL and unpaired surrogates included), any JSON text, any query. Fails on
 * the first 5xx or hang, with the shrunk request.
 */
export async function fuzzRandomRequests(
  run: FuzzRun,
  routes: readonly FuzzRoute[],
  fields: readonly string[],
  numRuns: number,
): Promise<void> {
  const text = fc.string({ unit: 'binary', maxLength: 40 });
  const value = fc.oneof(text, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...fields));
  const body = fc.oneof(
    fc
      .dictionary(fc.oneof(fc.constantFrom(...fields), text), value, { maxKeys: 6 })
      .map((object) => JSON.stringify(object)),
    fc.json({ maxDepth: 4 }),
    text,
  );
  const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fields), text), text), { maxLength: 3 });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), body, query, async (route, payload, pairs) => {
      const search = new URLSearchParams(pairs).toString();
      const request: FuzzCase['request'] = {
        method: route.method,
        url: search === '' ? route.url : `${route.url}?${search}`,
        headers: { 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { payload }),
      };
      const answer = await send(run, `${route.method} ${route.url}`, request);
      if (typeof answer === 'string') throw new Error(answer);
    }),
    { numRuns, seed: 10 },
  );
}

/** The answer, or the failure line when it is a 5xx or does not come within the bound. */
async function send(
  run: FuzzRun,
  name: string,
  request: FuzzCase['request'],
): Promise<LightMyRequestResponse | string> {
  const boundMs = run.boundMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${name}: no answer within ${boundMs} ms`), boundMs);
  });
  try {
    const answer = await Promise.race([run.app.inject(run.prepare ? run.prepare(request) : request), deadline]);
    if (typeof answer === 'string' || answer.statusCode < 500) return answer;
    return `${name}: ${answer.statusCode} ${answer.body.slice(0, 200)}`;
  } finally {
    clearTimeout(timer);
  }
}
