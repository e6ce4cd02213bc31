import type { ErrorAnswer, ErrorParams, ProofPhotoUploaded, ProofUploadJob } from '@harbor/shared';

/** Where the phone was when the photo was taken, if the driver let the page ask. */
export type PhonePosition = { lat: number; lon: number };

/**
 * A refusal of the upload endpoints, shaped as a failed tRPC call is (`data.reason`,
 * `data.params`), so the app's `errorText` says it in the driver's language.
 */
export class PodAnswerError extends Error {
  override name = 'PodAnswerError';
  readonly data: { reason: string | undefined; params: ErrorParams };
  constructor(
    readonly status: number,
    answer: Partial<ErrorAnswer>,
  ) {
    super(answer.error ?? `HTTP ${status}`);
    this.data = { reason: answer.code, params: answer.params ?? {} };
  }
}

async function answerOf<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  const answer = (await response.json().catch(() => ({}))) as Partial<ErrorAnswer>;
  throw new PodAnswerError(response.status, answer);
}

const base = (token: string) => `/api/pod/${encodeURIComponent(token)}`;

/** The job the link is for, as the driver sees it (`GET /api/pod/<token>`). */
export async function fetchProofJob(token: string, signal?: AbortSignal): Promise<ProofUploadJob> {
  return answerOf(await fetch(base(token), { signal: signal ?? null }));
}

/** Uploads one photo as it is, with the phone's position when known. */
export async function uploadProofPhoto(
  token: string,
  photo: File,
  position: PhonePosition | null,
): Promise<ProofPhotoUploaded> {
  const query = position
    ? `?${new URLSearchParams({ lat: String(position.lat), lon: String(position.lon) })}`
    : '';
  const response = await fetch(`${base(token)}/photo${query}`, {
    method: 'POST',
    // A phone may leave a camera file's type empty: the api checks the bytes themselves.
    headers: { 'content-type': photo.type || 'image/jpeg' },
    body: photo,
  });
  return answerOf(response);
}
