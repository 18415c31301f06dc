/**
 * Checks the synthetic PNGs of the vision fixtures (vision-fixtures.generator.mjs) independently of the code under
 * test: the bytes a fake model server received are decoded here and every pixel is compared with the generator's
 * formula, so an image that reached the server altered in any way fails.
 */
import { inflateSync } from 'node:zlib';

/** The pixel colour the generator gives (x, y) of the image with `seed`. */
function expectedPixel(x: number, y: number, seed: number): [number, number, number] {
  return [(x * 37 + seed * 11) % 256, (y * 53 + seed * 29) % 256, ((x + y) * 17 + seed * 7) % 256];
}

/** True when `base64` is exactly the generator's `width`×`height` PNG for `seed` (8-bit RGB, filter 0 rows). */
export function isSyntheticPng(base64: string, [width, height, seed]: readonly [number, number, number]): boolean {
  const bytes = Buffer.from(base64, 'base64');
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return false;
  let at = 8;
  const idat: Buffer[] = [];
  let size: [number, number] | undefined;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') size = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!size || size[0] !== width || size[1] !== height) return false;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== (width * 3 + 1) * height) return false;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    if (raw[row] !== 0) return false;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = expectedPixel(x, y, seed);
      const p = row + 1 + x * 3;
      if (raw[p] !== r || raw[p + 1] !== g || raw[p + 2] !== b) return false;
    }
  }
  return true;
}
