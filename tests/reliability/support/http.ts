import { BUDGET } from './budget';

/** What became of one request. */
export interface Outcome {
  /** HTTP status; 0 when no response came (see `failure`). */
  readonly status: number;
  readonly body: unknown;
  readonly requestId: string | null;
  readonly ms: number;
  /**
   * `hung`: no answer within {@link BUDGET.answerWithinMs}; `network`: the connection failed
   * (refused, reset: the API process is down).
   */
  readonly failure?: 'hung' | 'network';
}

/** Options of {@link send}. */
export interface SendOptions {
  readonly token?: string;
  /** JSON-encoded unless a string, which is sent as it is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** One request, never waiting longer than the answer bound; never throws. */
export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Outcome> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) {
    headers['authorization'] = `Bearer ${options.token}`;
  }
  if (options.body !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/json';
  }
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? BUDGET.answerWithinMs;
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
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
    return {
      status: 0,
      body: undefined,
      requestId: null,
      ms: performance.now() - started,
      failure:
        name === 'TimeoutError' || name === 'AbortError' ? 'hung' : 'network',
    };
  }
}

/** {@link send}, expecting `status`; throws with the body otherwise (for set-up steps). */
export async function expectStatus<T>(
  status: number,
  outcome: Promise<Outcome>,
): Promise<T> {
  const result = await outcome;
  if (result.status !== status) {
    throw new Error(
      `expected ${status}, got ${result.status || result.failure}: ${JSON.stringify(result.body)}`,
    );
  }
  return result.body as T;
}
