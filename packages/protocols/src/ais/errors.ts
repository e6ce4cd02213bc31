/** Why an AIS sentence or payload could not be decoded; `field` names the offending part. */
export class AisDecodeError extends Error {
  override name = 'AisDecodeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
