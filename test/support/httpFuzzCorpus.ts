import type { FastifyInstance, InjectOptions } from 'fastify';

/**
 * The malformed-request corpus run against every route of the worker's control API, the app and
 * the simulator's /sim/ (issue 10): broken and deep JSON, wrong content types, foreign Origin and
 * Host, huge numbers, NUL and unpaired surrogates, `%00` and encoded paths, wrong types per field,
 * unknown keys, oversize strings. Each case is one request, named for the failure list.
 */
export interface FuzzRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
}

export interface FuzzCase {
  readonly name: string;
  /** A request every route must refuse (cross-site, or a body that is not JSON). */
  readonly mustRefuse?: boolean;
  readonly request: InjectOptions & { url: string; method: FuzzRoute['method']; headers: Record<string, string> };
}

/** What a route reads, for the per-field cases; `body` is a valid body the cases mutate. */
export interface RouteInputs {
  readonly body?: Record<string, unknown>;
  readonly query?: readonly string[];
}

/** Every route `app` registered (HEAD aside), with `:param` segments filled from `params`. */
export function registeredRoutes(app: FastifyInstance, params: Readonly<Record<string, string>>): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match?.[2]) continue;
    const depth = (match[1] ?? '').length / 4;
    while ((stack.at(-1)?.depth ?? -1) >= depth) stack.pop();
    const path = `${stack.at(-1)?.path ?? ''}${match[2]}`;
    stack.push({ depth, path });
    for (const method of (match[3] ?? '').split(', ')) {
      if (method === '' || method === 'HEAD') continue;
      const url = path.replace(/:(\w+)/g, (_whole, name: string) => params[name] ?? '1');
      routes.push({ method: method as FuzzRoute['method'], url });
    }
  }
  return routes;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const DEEP = 20_000;
const HUGE_DIGITS = '9'.repeat(200_000);
const LONG_TEXT = 'x'.repeat(100_000);

/** Values of the wrong type, or of the right type and no sense, for any one field. */
export const ODD_VALUES: readonly [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['zero', 0],
  ['negative', -1],
  ['negative text', '-1'],
  ['fraction', 1.5],
  ['1e308', 1e308],
  ['empty string', ''],
  ['blank string', '   '],
  ['word', 'abc'],
  ['-0 string', '-0'],
  ['empty list', []],
  ['list', ['a', 1]],
  ['object', { x: 1 }],
  ['NUL', 'a\u0000b'],
  ['unpaired surrogate', '\ud800'],
  ['100 KB string', LONG_TEXT],
];

/** The cases of one route: the generic ones, then per query parameter and per body field. */
export function corpusFor(route: FuzzRoute, inputs: RouteInputs = {}): FuzzCase[] {
  const at = (name: string, request: Partial<FuzzCase['request']>, mustRefuse = false): FuzzCase => ({
    name: `${route.method} ${route.url} ${name}`,
    mustRefuse,
    request: { method: route.method, url: route.url, headers: {}, ...request },
  });
  const withBody = route.method !== 'GET';
  const body = inputs.body ?? {};
  const json = (text: string, headers: Record<string, string> = JSON_TYPE) => ({ payload: text, headers });
  const cases: FuzzCase[] = [
    at('with a foreign Origin', { headers: { origin: 'https://evil.example' } }, true),
    at('with Origin null', { headers: { origin: 'null' } }, true),
    at('with a rebinding Host', { headers: { host: 'rebound.evil.example' } }, true),
    at('with Sec-Fetch-Site cross-site', { headers: { 'sec-fetch-site': 'cross-site' } }, true),
    at('with %00 in the query', { url: `${route.url}?x=%00` }),
    at('with a 20 KB query', { url: `${route.url}?symbol=${'A'.repeat(20_000)}` }),
    at('with a repeated parameter', { url: `${route.url}?limit=1&limit=2` }),
    at('with a trailing slash', { url: `${route.url}/` }),
    at('with an encoded first letter', {
      url: route.url.replace(/^\/(\w)/, (_all, c: string) => `/%${c.charCodeAt(0).toString(16)}`),
    }),
    at('with %2e%2e', { url: `${route.url}/%2e%2e` }),
    at('with %00 in the path', { url: `${route.url}%00` }),
  ];
  for (const name of inputs.query ?? []) {
    cases.push(at(`?${name}=%00`, { url: `${route.url}?${name}=%00` }));
    cases.push(at(`?${name}= (blank)`, { url: `${route.url}?${name}=%20` }));
    cases.push(at(`?${name}=${HUGE_DIGITS.slice(0, 40)}`, { url: `${route.url}?${name}=${HUGE_DIGITS.slice(0, 40)}` }));
  }
  if (!withBody) return cases;
  for (const [name, text] of [
    ['an unfinished object', '{"a":'],
    ['a bare word', 'nul'],
    ['a closing brace', '}'],
    ['two objects', '{}{}'],
    ['a string', '"text"'],
    ['a list', '[1,2]'],
    ['an array nested 20,000 deep', `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`],
    ['an object nested 20,000 deep', `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`],
    ['a 200,000-digit number', `{"n":${HUGE_DIGITS}}`],
    ['1e999', '{"n":1e999}'],
    ['__proto__', '{"__proto__":{"polluted":true}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
    ['a 100 KB key', `{"${LONG_TEXT}":1}`],
    ['a NUL key', '{"a\\u0000":1}'],
    ['1.1 MB', JSON.stringify({ ...body, blob: 'x'.repeat(1_100_000) })],
  ] as const) {
    cases.push(at(`with ${name}`, json(text)));
  }
  const valid = JSON.stringify(body);
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ]) {
    cases.push(at(`as ${type}`, json(valid, { 'content-type': type })));
  }
  cases.push(at('without a content type', { payload: valid, headers: {} }));
  cases.push(
    at('as application/json; charset=latin1', json(valid, { 'content-type': 'application/json; charset=latin1' })),
  );
  cases.push(at('with an unknown key', json(JSON.stringify({ ...body, unknown_key: 1 }))));
  for (const field of Object.keys(body)) {
    cases.push(at(`without ${field}`, json(JSON.stringify({ ...body, [field]: undefined }))));
    for (const [name, value] of ODD_VALUES) {
      cases.push(at(`with ${field} = ${name}`, json(JSON.stringify({ ...body, [field]: value }))));
    }
    cases.push(
      at(
        `with ${field} nested 20,000 deep`,
        json(
          JSON.stringify({ ...body, [field]: 0 }).replace(
            `"${field}":0`,
            `"${field}":${'['.repeat(DEEP)}${']'.repeat(DEEP)}`,
          ),
        ),
      ),
    );
    cases.push(
      at(
        `with ${field} a 200,000-digit number`,
        json(JSON.stringify({ ...body, [field]: 0 }).replace(`"${field}":0`, `"${field}":${HUGE_DIGITS}`)),
      ),
    );
    cases.push(
      at(
        `with ${field} = "${HUGE_DIGITS.slice(0, 8)}…" (200,000 digits)`,
        json(JSON.stringify({ ...body, [field]: HUGE_DIGITS })),
      ),
    );
  }
  return cases;
}
