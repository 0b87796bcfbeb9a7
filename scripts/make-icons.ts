// Draws the add-in's icons (a roster table on Excel green) as PNG files in assets/.
// Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** PNG (RGBA, 8 bit) from a pixel function. */
function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GREEN: [number, number, number, number] = [0x21, 0x73, 0x46, 255];
const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const CLEAR: [number, number, number, number] = [0, 0, 0, 0];
const MARK: [number, number, number, number] = [0xf2, 0xc8, 0x11, 255];

for (const size of [16, 32, 64, 80, 128]) {
  const s = size / 16;
  const r = 2.5 * s;
  writeFileSync(
    `assets/icon-${size}.png`,
    png(size, (x, y) => {
      const cx = Math.min(x, size - 1 - x);
      const cy = Math.min(y, size - 1 - y);
      if (cx < r && cy < r && (r - cx) ** 2 + (r - cy) ** 2 > r * r) return CLEAR;
      // A white sheet with three rows and a header line; one cell marked, as the add-in marks a problem.
      const inSheet = x >= 3 * s && x < 13 * s && y >= 3 * s && y < 13 * s;
      if (!inSheet) return GREEN;
      const row = Math.floor((y - 3 * s) / (2.5 * s));
      const line = (y - 3 * s) % (2.5 * s) < Math.max(1, s * 0.6) && y > 3 * s;
      const col = x - 3 * s < 4 * s ? 0 : 1;
      const vline = Math.abs(x - 7 * s) < Math.max(0.5, s * 0.3);
      if (line || vline) return GREEN;
      if (row === 2 && col === 1) return MARK;
      return WHITE;
    }),
  );
}
