/**
 * CPython's `hash(str)` as a run with `PYTHONHASHSEED=0` computes it. openbench's GPQA seeds each record's option
 * shuffle with `hash(question)`, which CPython salts per process unless `PYTHONHASHSEED` is set; with the seed 0 the
 * salt is all zeros, which is the one reproducible order. CPython 3.11+ hashes a str's internal buffer (1, 2 or 4
 * bytes per character, PEP 393) with SipHash-1-3.
 */
const MASK = (1n << 64n) - 1n;

function rotl(value: bigint, bits: bigint): bigint {
  return ((value << bits) | (value >> (64n - bits))) & MASK;
}

/** SipHash-1-3 with the key (0, 0), as `Python/pyhash.c` `siphash13`. */
function siphash13(bytes: Uint8Array): bigint {
  let v0 = 0x736f6d6570736575n;
  let v1 = 0x646f72616e646f6dn;
  let v2 = 0x6c7967656e657261n;
  let v3 = 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & MASK;
    v2 = (v2 + v3) & MASK;
    v1 = rotl(v1, 13n) ^ v0;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v1) & MASK;
    v0 = (v0 + v3) & MASK;
    v1 = rotl(v1, 17n) ^ v2;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = rotl(v2, 32n);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const whole = bytes.length - (bytes.length % 8);
  for (let offset = 0; offset < whole; offset += 8) {
    const word = view.getBigUint64(offset, true);
    v3 ^= word;
    round();
    v0 ^= word;
  }
  let last = BigInt(bytes.length & 0xff) << 56n;
  for (let index = whole; index < bytes.length; index++) last |= BigInt(bytes[index]) << BigInt(8 * (index - whole));
  v3 ^= last;
  round();
  v0 ^= last;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return v0 ^ v1 ^ v2 ^ v3;
}

/** The str's PEP 393 buffer: the narrowest of 1, 2 or 4 little-endian bytes per code point that holds them all. */
function pep393Bytes(text: string): Uint8Array {
  const codePoints = Array.from(text, (char) => char.codePointAt(0) as number);
  const max = codePoints.reduce((a, b) => Math.max(a, b), 0);
  const kind = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const bytes = new Uint8Array(codePoints.length * kind);
  const view = new DataView(bytes.buffer);
  codePoints.forEach((point, index) => {
    if (kind === 1) view.setUint8(index, point);
    else if (kind === 2) view.setUint16(index * 2, point, true);
    else view.setUint32(index * 4, point, true);
  });
  return bytes;
}

/** `hash(text)` under `PYTHONHASHSEED=0`, as a signed 64-bit value. */
export function pythonStrHash(text: string): bigint {
  if (text.length === 0) return 0n;
  const signed = BigInt.asIntN(64, siphash13(pep393Bytes(text)));
  return signed === -1n ? -2n : signed;
}
