import { Agent, fetch, Request } from 'undici';
import { BUDGET } from './budget';

/**
 * Connections the harness keeps open between requests are closed by the harness after 4 s idle,
 * whatever the server's `Keep-Alive: timeout=72` says. Trusting the hint (Node's fetch keeps a
 * connection until 1–2 s before it) races the server's own close: when a check keeps the event loop
 * busy for seconds (generating cases, checking a chain), the harness's timer fires late, the next
 * request goes out on a connection the server has just closed, and the harness sees "other side
 * closed" — a network failure the API did not cause. The 68 s margin is far longer than any pause.
 */
const dispatcher = new Agent({
  keepAliveTimeout: 4_000,
  keepAliveMaxTimeout: 4_000,
});

/** What became of one request. */
export interface Outcome {
  /** HTTP status; 0 when no response came (see `failure`). */
  readonly status: number;
  readonly body: unknown;
  readonly requestId: string | null;
  readonly ms: number;
  /**
   * `hung`: no answer within {@link BUDGET.answerWithinMs}; `network`: the connection failed
   * (refused, reset: the API process is down or dropped it); `unsendable`: the client could not
   * even build the request (a header value fetch refuses, a GET with a body…) — a defect of
   * whoever made the request, never of the server, and nothing was sent.
   */
  readonly failure?: 'hung' | 'network' | 'unsendable';
  /** Why, for `network` and `unsendable`: the error and its cause, e.g. `fetch failed: ECONNRESET`. */
  readonly error?: string;
}

/** Options of {@link send}. */
export interface SendOptions {
  readonly token?: string;
  /** JSON-encoded unless a string, which is sent as it is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** The request {@link send} cannot build: thrown by {@link buildRequest}, with the reason. */
export class UnsendableRequestError extends Error {
  override readonly name = 'UnsendableRequestError';
}

/**
 * The `Request` {@link send} hands to `fetch`. Building it runs every check fetch makes before
 * anything leaves the process (method, URL, header names and values as ByteStrings, a body on
 * GET/HEAD), so a request that builds here fails later only on the network.
 */
export function buildRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions & { readonly signal?: AbortSignal } = {},
): Request {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) {
    headers['authorization'] = `Bearer ${options.token}`;
  }
  if (options.body !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/json';
  }
  try {
    return new Request(`${baseUrl}${path}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    throw new UnsendableRequestError(describeError(error), { cause: error });
  }
}

/** One request, never waiting longer than the answer bound; never throws. */
export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Outcome> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? BUDGET.answerWithinMs;
  let request: Request;
  try {
    request = buildRequest(baseUrl, method, path, {
      ...options,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return {
      status: 0,
      body: undefined,
      requestId: null,
      ms: 0,
      failure: 'unsendable',
      error: (error as Error).message,
    };
  }
  try {
    const response = await fetch(request, { dispatcher });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    let body: unknown = text;
    if (/json/.test(type) && text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return {
      status: response.status,
      body,
      requestId: response.headers.get('x-request-id'),
      ms: performance.now() - started,
    };
  } catch (error) {
    const name = (error as Error).name;
    const hung = name === 'TimeoutError' || name === 'AbortError';
    return {
      status: 0,
      body: undefined,
      requestId: null,
      ms: performance.now() - started,
      failure: hung ? 'hung' : 'network',
      ...(!hung && { error: describeError(error) }),
    };
  }
}

/** `fetch failed: other side closed (UND_ERR_SOCKET)`: fetch hides the reason in `cause`. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  // Not `instanceof Error`: fetch's errors and their causes come from Node's realm, not Jest's.
  for (
    let depth = 0;
    typeof current === 'object' && current !== null && depth < 4;
    depth += 1
  ) {
    const { name, message, code, cause } = current as {
      name?: unknown;
      message?: unknown;
      code?: unknown;
      cause?: unknown;
    };
    parts.push(
      `${String(name)}: ${String(message)}${typeof code === 'string' ? ` (${code})` : ''}`,
    );
    current = cause;
  }
  return parts.length === 0 ? String(error) : parts.join(' ← ');
}

/**
 * {@link send} for a set-up step: bounded by {@link BUDGET.setUpWithinMs}, not by the answer bound
 * the checks hold the API to.
 */
export function arrange(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Outcome> {
  return send(baseUrl, method, path, { timeoutMs: BUDGET.setUpWithinMs, ...options });
}

/** {@link send}, expecting `status`; throws with the body otherwise (for set-up steps). */
export async function expectStatus<T>(
  status: number,
  outcome: Promise<Outcome>,
): Promise<T> {
  const result = await outcome;
  if (result.status !== status) {
    throw new Error(
      `expected ${status}, got ${result.status || `${result.failure} ${result.error ?? ''}`}: ${JSON.stringify(result.body)}`,
    );
  }
  return result.body as T;
}
