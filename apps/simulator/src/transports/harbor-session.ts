import { ImportScheduleResult } from '@harbor/shared';
import { z } from 'zod';

export type HarborSessionOptions = {
  /** Base URL of the api, e.g. http://127.0.0.1:3000. */
  url: string;
  email: string;
  password: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

/**
 * tRPC v11's answer to a single (unbatched) call over HTTP: `{ result: { data } }`, or
 * `{ error: { message, code, data } }` with Harbor's error data (apps/api/src/edges/trpc/init.ts).
 */
const TrpcAnswer = z.union([
  z.object({ result: z.object({ data: z.unknown() }) }),
  z.object({
    error: z.object({
      message: z.string(),
      data: z
        .object({
          code: z.string(),
          reason: z.string().nullish(),
          fieldErrors: z.record(z.string(), z.array(z.string())).nullish(),
        })
        .partial()
        .optional(),
    }),
  }),
]);

/** A procedure's refusal as Harbor words it, or a failure to reach it. */
export class HarborApiError extends Error {
  override name = 'HarborApiError';

  constructor(
    message: string,
    /** tRPC's code (`UNAUTHORIZED`, `BAD_REQUEST`...); null when no answer came. */
    readonly code: string | null,
    /** Harbor's stable error code (`visit.import-refused`). */
    readonly reason: string | null = null,
    /** Messages by field: `line 3.voyage` for a schedule line's column. */
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/**
 * A user's session with Harbor's tRPC api over plain fetch, as a script would hold it: it logs
 * in (`auth.login`) on first use, keeps the session cookie, and logs in again once when
 * Harbor answers that the session is gone.
 */
export class HarborSession {
  private cookie: string | null = null;
  private readonly base: string;

  constructor(private readonly options: HarborSessionOptions) {
    this.base = `${options.url.replace(/\/+$/, '')}/trpc`;
  }

  /** `visits.importSchedule`: a berth schedule as CSV; all or nothing. */
  async importSchedule(csv: string): Promise<ImportScheduleResult> {
    return ImportScheduleResult.parse(await this.mutate('visits.importSchedule', { csv }));
  }

  async mutate(procedure: string, input: unknown): Promise<unknown> {
    return this.withSession(() => this.call(procedure, input));
  }

  /** A query procedure (tRPC answers queries over GET, the input in the address). */
  async query(procedure: string, input: unknown): Promise<unknown> {
    return this.withSession(async () =>
      this.answer(procedure, await this.request(procedure, 'GET', input)),
    );
  }

  private async withSession(call: () => Promise<unknown>): Promise<unknown> {
    const hadSession = this.cookie !== null;
    if (!hadSession) await this.login();
    try {
      return await call();
    } catch (error) {
      if (!(hadSession && error instanceof HarborApiError && error.code === 'UNAUTHORIZED'))
        throw error;
      this.cookie = null;
      await this.login();
      return call();
    }
  }

  private async login(): Promise<void> {
    const { email, password } = this.options;
    const response = await this.post('auth.login', { email, password });
    await this.answer('auth.login', response);
    // Only the name=value of each cookie goes back (RFC 6265 §5.4).
    const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0]?.trim());
    this.cookie = cookies.filter(Boolean).join('; ');
    if (!this.cookie) throw new HarborApiError('auth.login set no session cookie', null);
  }

  private async call(procedure: string, input: unknown): Promise<unknown> {
    return this.answer(procedure, await this.post(procedure, input));
  }

  private post(procedure: string, input: unknown): Promise<Response> {
    return this.request(procedure, 'POST', input);
  }

  private async request(procedure: string, method: 'GET' | 'POST', input: unknown) {
    const fetchFn = this.options.fetch ?? fetch;
    const query =
      method === 'GET' && input !== undefined
        ? `?input=${encodeURIComponent(JSON.stringify(input))}`
        : '';
    try {
      return await fetchFn(`${this.base}/${procedure}${query}`, {
        method,
        headers: {
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...(this.cookie ? { cookie: this.cookie } : {}),
        },
        ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause ?? error) : error;
      throw new HarborApiError(
        `${procedure}: ${cause instanceof Error ? cause.message : String(cause)}`,
        null,
      );
    }
  }

  private async answer(procedure: string, response: Response): Promise<unknown> {
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const answer = TrpcAnswer.safeParse(json);
    if (!answer.success)
      throw new HarborApiError(
        `${procedure}: HTTP ${response.status} with no tRPC answer: ${text.slice(0, 200)}`,
        null,
      );
    if ('result' in answer.data) return answer.data.result.data;
    const { message, data } = answer.data.error;
    throw new HarborApiError(
      `${procedure}: ${message}`,
      data?.code ?? null,
      data?.reason ?? null,
      data?.fieldErrors ?? {},
    );
  }
}
