/** Why a JT/T 808 frame could not be decoded; `field` names the offending part. */
export class Jt808DecodeError extends Error {
  override name = 'Jt808DecodeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
