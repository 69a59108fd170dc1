/** A non-2xx answer: the API's `{"status":"error","code","message"}` (src/trading-app/api/README.md). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The app could not be reached at all (down, restarting): the page says it is reconnecting. */
export class AppUnreachableError extends Error {
  override readonly name = 'AppUnreachableError';
}

export async function getJson<T>(path: string): Promise<T> {
  return request<T>(path, { headers: { accept: 'application/json' } });
}

/** `token`: the app's APP_API_TOKEN, which controls need when the page is not opened on loopback. */
export async function postJson<T>(path: string, body: unknown, token?: string): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** The `data` of an `{"status":…,"data":…}` answer. */
export async function getData<T>(path: string): Promise<T> {
  return (await getJson<{ data: T }>(path)).data;
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: 'no-store' });
  } catch (error) {
    throw new AppUnreachableError(`the trading-app did not answer ${path}: ${String(error)}`);
  }
  const text = await response.text();
  const body = parse(text);
  if (!response.ok) {
    const fields = (body ?? {}) as { code?: unknown; message?: unknown; error?: unknown };
    const code = typeof fields.code === 'string' ? fields.code : `http_${response.status}`;
    const message =
      typeof fields.message === 'string' ? fields.message : typeof fields.error === 'string' ? fields.error : code;
    throw new ApiRequestError(response.status, code, message);
  }
  return body as T;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
