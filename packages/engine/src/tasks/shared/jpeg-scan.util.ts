/**
 * The entropy decoding of a JPEG scan (ITU-T T.81 annexes F and G): Huffman tables, baseline blocks, and the four
 * kinds of progressive scans (DC first and refinement, AC first with end-of-band runs, AC refinement), with restart
 * intervals. A correct decoder has only one result, so this part follows the standard rather than libjpeg's code.
 */

export const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49,
  56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

export interface Huffman {
  maxcode: Int32Array; // by length 1..16, -1 when none
  valptr: Int32Array;
  mincode: Int32Array;
  values: Uint8Array;
}

export function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxcode = new Int32Array(18).fill(-1);
  const valptr = new Int32Array(17);
  const mincode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len += 1) {
    valptr[len] = k;
    mincode[len] = code;
    code += counts[len - 1];
    k += counts[len - 1];
    maxcode[len] = counts[len - 1] ? code - 1 : -1;
    code <<= 1;
  }
  return { maxcode, valptr, mincode, values };
}

export interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  quant?: Int32Array;
  /** Blocks across and down holding image data, and across and down the MCU grid (dummy blocks included). */
  blocksAcross: number;
  blocksDown: number;
  gridAcross: number;
  gridDown: number;
  coefs: Int16Array;
  dcTable?: Huffman;
  acTable?: Huffman;
  pred: number;
}

class BitReader {
  private bits = 0;
  private count = 0;

  constructor(private readonly data: Uint8Array, public pos: number) {}

  /** One bit; at a marker the stream yields zeros, as libjpeg's `jpeg_fill_bit_buffer` does. */
  bit(): number {
    if (this.count === 0) {
      let byte = 0;
      if (this.pos < this.data.length) {
        byte = this.data[this.pos];
        if (byte === 0xff) {
          const next = this.data[this.pos + 1];
          if (next === 0) this.pos += 2;
          else byte = 0; // a marker: leave it for the caller
        } else this.pos += 1;
      }
      this.bits = byte;
      this.count = 8;
    }
    this.count -= 1;
    return (this.bits >> this.count) & 1;
  }

  receive(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i += 1) value = (value << 1) | this.bit();
    return value;
  }

  /** `HUFF_EXTEND`: n bits as a signed magnitude category value. */
  receiveExtend(n: number): number {
    if (n === 0) return 0;
    const value = this.receive(n);
    return value < 1 << (n - 1) ? value - (1 << n) + 1 : value;
  }

  decode(table: Huffman): number {
    let code = this.bit();
    for (let len = 1; len <= 16; len += 1) {
      if (table.maxcode[len] >= 0 && code <= table.maxcode[len]) return table.values[table.valptr[len] + code - table.mincode[len]];
      code = (code << 1) | this.bit();
    }
    return 0; // corrupt data: libjpeg warns and uses 0
  }

  /** Drops the partial byte and skips a restart marker. */
  restart(): void {
    this.count = 0;
    while (this.pos + 1 < this.data.length && !(this.data[this.pos] === 0xff && this.data[this.pos + 1] >= 0xd0 && this.data[this.pos + 1] <= 0xd7)) this.pos += 1;
    this.pos += 2;
  }
}

export interface Scan {
  components: Component[];
  ss: number;
  se: number;
  ah: number;
  al: number;
}

/** Decodes one scan's entropy-coded data into the components' coefficients; returns the position after it. */
export function decodeScan(data: Uint8Array, start: number, scan: Scan, frame: { mcusAcross: number; mcusDown: number; progressive: boolean }, restartInterval: number): number {
  const reader = new BitReader(data, start);
  const { ss, se, ah, al } = scan;
  let eobrun = 0;
  const decodeBlock = (c: Component, offset: number) => {
    const coefs = c.coefs;
    if (!frame.progressive) {
      const t = reader.decode(c.dcTable as Huffman);
      c.pred += reader.receiveExtend(t);
      coefs[offset] = c.pred;
      for (let k = 1; k < 64; k += 1) {
        const rs = reader.decode(c.acTable as Huffman);
        const s = rs & 15;
        const r = rs >> 4;
        if (s === 0) {
          if (r < 15) break;
          k += 15;
          continue;
        }
        k += r;
        coefs[offset + ZIGZAG[k]] = reader.receiveExtend(s);
      }
      return;
    }
    if (ss === 0) {
      if (ah === 0) {
        c.pred += reader.receiveExtend(reader.decode(c.dcTable as Huffman));
        coefs[offset] = c.pred * (1 << al);
      } else if (reader.bit()) coefs[offset] |= 1 << al;
      return;
    }
    if (ah === 0) {
      if (eobrun > 0) {
        eobrun -= 1;
        return;
      }
      for (let k = ss; k <= se; k += 1) {
        const rs = reader.decode(c.acTable as Huffman);
        const s = rs & 15;
        const r = rs >> 4;
        if (s === 0) {
          if (r < 15) {
            eobrun = (1 << r) - 1 + (r ? reader.receive(r) : 0);
            break;
          }
          k += 15;
          continue;
        }
        k += r;
        coefs[offset + ZIGZAG[k]] = reader.receiveExtend(s) * (1 << al);
      }
      return;
    }
    // AC refinement (G.1.2.3): correction bits for nonzero coefficients, new ±1 coefficients placed after runs of zeros.
    const p1 = 1 << al;
    const m1 = -1 << al;
    let k = ss;
    if (eobrun <= 0) {
      for (; k <= se; ) {
        const rs = reader.decode(c.acTable as Huffman);
        let r = rs >> 4;
        const s = rs & 15;
        let value = 0;
        if (s) value = reader.bit() ? p1 : m1;
        else if (r !== 15) {
          eobrun = (1 << r) + (r ? reader.receive(r) : 0);
          break;
        }
        for (; k <= se; k += 1) {
          const z = offset + ZIGZAG[k];
          if (coefs[z] !== 0) {
            if (reader.bit() && (coefs[z] & p1) === 0) coefs[z] += coefs[z] >= 0 ? p1 : m1;
          } else {
            if (r === 0) {
              if (value) coefs[z] = value;
              k += 1;
              break;
            }
            r -= 1;
          }
        }
      }
    }
    if (eobrun > 0) {
      for (; k <= se; k += 1) {
        const z = offset + ZIGZAG[k];
        if (coefs[z] !== 0 && reader.bit() && (coefs[z] & p1) === 0) coefs[z] += coefs[z] >= 0 ? p1 : m1;
      }
      eobrun -= 1;
    }
  };
  const single = scan.components.length === 1;
  const total = single ? scan.components[0].blocksAcross * scan.components[0].blocksDown : frame.mcusAcross * frame.mcusDown;
  for (let n = 0; n < total; n += 1) {
    if (restartInterval > 0 && n > 0 && n % restartInterval === 0) {
      reader.restart();
      eobrun = 0;
      for (const c of scan.components) c.pred = 0;
    }
    if (single) {
      const c = scan.components[0];
      const row = Math.floor(n / c.blocksAcross);
      const col = n % c.blocksAcross;
      decodeBlock(c, (row * c.gridAcross + col) * 64);
      continue;
    }
    const mcuRow = Math.floor(n / frame.mcusAcross);
    const mcuCol = n % frame.mcusAcross;
    for (const c of scan.components) {
      for (let y = 0; y < c.v; y += 1) {
        for (let x = 0; x < c.h; x += 1) decodeBlock(c, ((mcuRow * c.v + y) * c.gridAcross + mcuCol * c.h + x) * 64);
      }
    }
  }
  // The scan ends at the next marker that is not a restart marker.
  let pos = reader.pos;
  while (pos + 1 < data.length && !(data[pos] === 0xff && data[pos + 1] !== 0 && !(data[pos + 1] >= 0xd0 && data[pos + 1] <= 0xd7))) pos += 1;
  return pos;
}
