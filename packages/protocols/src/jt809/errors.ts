/** Why a JT/T 809 frame could not be decoded; `field` names the offending part. */
export class Jt809DecodeError extends Error {
  override name = 'Jt809DecodeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
