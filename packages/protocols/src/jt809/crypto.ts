/**
 * The constants of the body cipher (JT/T 809-2011, the data encryption clause "数据加密"; constants as named there): agreed between the two
 * platforms out of band, never sent. M1 is the modulus, IA1 the multiplier, IC1 the increment.
 */
export type Jt809EncryptKeys = { m1: number; ia1: number; ic1: number };

/**
 * The standard's stream cipher: a linear congruential generator seeded with the header's
 * ENCRYPT_KEY, `key = IA1 * (key mod M1) + IC1` (32-bit unsigned arithmetic), each body byte
 * XORed with bits 20-27 of the next key. A zero key or M1 counts as 1. XOR makes encrypting and
 * decrypting the same operation; a new array is returned.
 */
export function jt809Crypt(
  data: Uint8Array,
  keys: Jt809EncryptKeys,
  encryptKey: number,
): Uint8Array {
  const out = new Uint8Array(data.length);
  const m1 = keys.m1 >>> 0 || 1;
  const ia1 = keys.ia1 >>> 0;
  const ic1 = keys.ic1 >>> 0;
  let key = encryptKey >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    // Math.imul keeps the low 32 bits of the product, as the standard's unsigned overflow does.
    key = (Math.imul(ia1, key % m1) + ic1) >>> 0;
    out[i] = (data[i] as number) ^ ((key >>> 20) & 0xff);
  }
  return out;
}

/** Encrypts a message body. */
export const jt809Encrypt = jt809Crypt;
/** Decrypts a message body: the same operation as encrypting. */
export const jt809Decrypt = jt809Crypt;
