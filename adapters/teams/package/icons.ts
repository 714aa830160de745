// The two icons a Teams app package needs: a 192×192 full-colour PNG and a 32×32 outline PNG
// (white on transparent). Drawn here so a package needs no design work; a company can ship its own.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { SentinelError } from '../../../src/domain/errors';

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

type Rgba = [number, number, number, number];

/** A ring (the watch) around a check mark (the sync is right), in white on `background`. */
function draw(size: number, background: Rgba | null): Buffer {
  const png = new PNG({ width: size, height: size });
  const c = size / 2;
  const white: Rgba = [255, 255, 255, 255];
  const ringOuter = size * 0.42;
  const ringInner = size * (background ? 0.34 : 0.3);
  // The check: two strokes through (0.30, 0.52) → (0.44, 0.66) → (0.72, 0.36).
  const stroke = size * (background ? 0.055 : 0.08);
  const seg = (px: number, py: number, ax: number, ay: number, bx: number, by: number) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const r = Math.hypot(px - c, py - c);
      const inRing = r <= ringOuter && r >= ringInner;
      const inCheck =
        Math.min(
          seg(px, py, size * 0.3, size * 0.52, size * 0.44, size * 0.66),
          seg(px, py, size * 0.44, size * 0.66, size * 0.72, size * 0.36),
        ) <= stroke;
      const color: Rgba | null = inRing || inCheck ? white : background;
      const i = (y * size + x) * 4;
      const [red, green, blue, alpha] = color ?? [0, 0, 0, 0];
      png.data[i] = red;
      png.data[i + 1] = green;
      png.data[i + 2] = blue;
      png.data[i + 3] = alpha;
    }
  }
  return PNG.sync.write(png);
}

export function drawColorIcon(accent: string): Buffer {
  const n = Number.parseInt(accent.slice(1), 16);
  return draw(COLOR_SIZE, [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255]);
}

export function drawOutlineIcon(): Buffer {
  return draw(OUTLINE_SIZE, null);
}

/** Reads a company's own icon, checking it is a PNG of the size Teams requires. */
export function readIcon(file: string, size: number, setting: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new SentinelError('teams.package', 'config', `Cannot read ${setting} ${file}: ${(err as Error).message}`, { retryable: false });
  }
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch {
    throw new SentinelError('teams.package', 'config', `${setting} ${file} is not a PNG file; Teams needs PNG icons.`, {
      retryable: false,
    });
  }
  if (png.width !== size || png.height !== size) {
    throw new SentinelError('teams.package', 'config', `${setting} ${file} is ${png.width}×${png.height}; Teams needs ${size}×${size}.`, {
      retryable: false,
    });
  }
  return bytes;
}
