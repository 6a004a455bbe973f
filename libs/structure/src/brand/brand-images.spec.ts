import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { AppException } from '@alveole/core';
import { renderBrandImages } from './brand-images';

const RED = { r: 255, g: 0, b: 0, alpha: 1 };

function solid(width: number, height: number, background: sharp.Color = RED): sharp.Sharp {
  return sharp({ create: { width, height, channels: 4, background } });
}

/** 2000×1000 as stored, shown 1000×2000 (EXIF orientation 6 = rotate 90°), with a GPS position. */
function photoWithExif(): Promise<Buffer> {
  return solid(2000, 1000)
    .jpeg()
    .withExif({ IFD0: { Copyright: 'camera owner' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A valid 1-bit PNG declaring 10000×10000 pixels in 12 KB: what limitInputPixels is for. */
function pngBomb(side = 10_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth 1, colour type 0 (grey), default compression/filter/interlace
  const rows = Buffer.alloc((1 + side / 8) * side);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function pixel(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 4;
  return [...data.subarray(at, at + 4)];
}

async function rejection(promise: Promise<unknown>): Promise<AppException> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppException);
  return error as AppException;
}

describe('renderBrandImages', () => {
  it('orients a photo by its EXIF, fits the logo inside 512×128 and keeps no EXIF (no GPS position)', async () => {
    const input = await photoWithExif();
    expect((await sharp(input).metadata()).exif).toBeDefined();

    const [logo, ...others] = await renderBrandImages('logo', input);

    expect(others).toEqual([]);
    expect(logo).toMatchObject({ variant: 'logo', width: 64, height: 128 });
    const meta = await sharp(logo.bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 64, height: 128 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(logo.bytes.includes('eXIf')).toBe(false);
    expect(logo.bytes.includes('Exif')).toBe(false);
  });

  it('renders four square PNG favicons, the photo contained on a transparent background', async () => {
    const favicons = await renderBrandImages('favicon', await photoWithExif());

    expect(favicons.map((f) => [f.variant, f.width, f.height])).toEqual([
      ['32', 32, 32],
      ['180', 180, 180],
      ['192', 192, 192],
      ['512', 512, 512],
    ]);
    for (const favicon of favicons) {
      const meta = await sharp(favicon.bytes).metadata();
      expect(meta).toMatchObject({ format: 'png', width: favicon.width, height: favicon.height, hasAlpha: true });
      expect(meta.exif).toBeUndefined();
    }
    const [large] = favicons.slice(-1);
    // shown upright the photo is tall: transparent bands left and right, red in the middle
    expect(await pixel(large.bytes, 5, 256)).toEqual([0, 0, 0, 0]);
    const [r, g, b, alpha] = await pixel(large.bytes, 256, 256);
    expect([r > 240, g < 15, b < 15, alpha]).toEqual([true, true, true, 255]); // JPEG red is not exactly 255
  });

  it('keeps the transparency of a PNG and never enlarges a small logo', async () => {
    const input = await solid(300, 100, { r: 0, g: 0, b: 255, alpha: 0.5 }).png().toBuffer();

    const [logo] = await renderBrandImages('logo', input);

    expect(logo).toMatchObject({ width: 300, height: 100 });
    expect((await sharp(logo.bytes).metadata()).hasAlpha).toBe(true);
    expect((await pixel(logo.bytes, 150, 50))[3]).toBe(128);
  });

  it('re-encodes a PNG rather than storing the uploaded bytes, and drops its metadata', async () => {
    const input = await solid(200, 100)
      .png()
      .withExif({ IFD0: { Artist: 'someone' } })
      .toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();

    const [logo] = await renderBrandImages('logo', input);

    expect(logo.bytes.equals(input)).toBe(false);
    expect((await sharp(logo.bytes).metadata()).exif).toBeUndefined();
  });

  it('enlarges a small WebP to fill the 512 px icon', async () => {
    const input = await solid(64, 64).webp({ lossless: true }).toBuffer();

    const favicons = await renderBrandImages('favicon', input);

    const large = favicons.find((f) => f.variant === '512')!;
    expect(await sharp(large.bytes).metadata()).toMatchObject({ format: 'png', width: 512, height: 512 });
    expect(await pixel(large.bytes, 2, 2)).toEqual([255, 0, 0, 255]);
  });

  it('keeps only the first frame of an animated WebP', async () => {
    const green = { r: 0, g: 255, b: 0, alpha: 1 };
    const frames = [await solid(40, 30, RED).png().toBuffer(), await solid(40, 30, green).png().toBuffer()];
    const input = await sharp(frames, { join: { animated: true } })
      .webp({ lossless: true })
      .toBuffer();
    expect((await sharp(input).metadata()).pages).toBe(2);

    const [logo] = await renderBrandImages('logo', input);

    const meta = await sharp(logo.bytes).metadata();
    expect(meta).toMatchObject({ width: 40, height: 30 });
    expect(meta.pages ?? 1).toBe(1);
    expect(await pixel(logo.bytes, 20, 15)).toEqual([255, 0, 0, 255]);
  });

  it('names each image by the sha256 of its bytes, the same for the same upload', async () => {
    const input = await solid(400, 400).png().toBuffer();

    const first = await renderBrandImages('favicon', input);
    const second = await renderBrandImages('favicon', input);

    for (const image of first) {
      expect(image.id).toBe(createHash('sha256').update(image.bytes).digest('hex').slice(0, 32));
    }
    expect(new Set(first.map((f) => f.id)).size).toBe(4);
    expect(second.map((f) => f.id)).toEqual(first.map((f) => f.id));
  });

  it.each([
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
    ],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')],
    ['plain text', Buffer.from('just some words, not an image')],
  ])('refuses %s with 415 unsupported-image-type', async (_name, input) => {
    const error = await rejection(renderBrandImages('logo', input));
    expect(error).toMatchObject({ status: 415, type: 'unsupported-image-type' });
  });

  it('refuses a GIF with 415, whatever the kind', async () => {
    const gif = await solid(10, 10).gif().toBuffer();

    for (const kind of ['logo', 'favicon'] as const) {
      const error = await rejection(renderBrandImages(kind, gif));
      expect(error).toMatchObject({ status: 415, type: 'unsupported-image-type' });
    }
  });

  it('answers 422 unreadable-image for a truncated or damaged PNG', async () => {
    const png = await solid(300, 300, { r: 0, g: 0, b: 255, alpha: 0.5 }).png().toBuffer();

    for (const damaged of [png.subarray(0, png.length - 30), png.subarray(0, 60)]) {
      const error = await rejection(renderBrandImages('favicon', damaged));
      expect(error).toMatchObject({ status: 422, type: 'unreadable-image' });
    }
  });

  it('answers 422 for a decompression bomb, naming the pixel limit', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 10_000, height: 10_000 });

    const error = await rejection(renderBrandImages('logo', bomb));

    expect(error).toMatchObject({ status: 422, type: 'unreadable-image' });
    expect(error.detail).toMatch(/40,000,000 pixels/);
  });
});
