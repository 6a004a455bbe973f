import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppException } from '@alveole/core';

/** Enforced by the upload route before the bytes reach `renderBrandImages`. */
export const BRAND_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** Decompression bombs: a 2 MiB PNG can declare billions of pixels; sharp refuses from the header alone. */
export const BRAND_IMAGE_MAX_PIXELS = 40_000_000;

export type BrandImageKind = 'logo' | 'favicon';

export interface RenderedImage {
  /** `logo`, or the favicon's side in pixels (`32`, `180`, `192`, `512`). */
  variant: string;
  /** First 32 hex characters of the sha256 of `bytes`: the image's immutable URL. */
  id: string;
  width: number;
  height: number;
  /** A PNG re-encoded from the pixels (never the uploaded bytes), without metadata. */
  bytes: Buffer;
}

// APNG is a PNG whose first frame is its default image (what sharp decodes); SVG is refused because
// a script or an external reference inside it would run or load wherever the brand is shown.
const ACCEPTED_TYPES = new Set(['image/png', 'image/apng', 'image/jpeg', 'image/webp']);

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

interface VariantSpec {
  variant: string;
  resize: sharp.ResizeOptions;
}

const VARIANTS: Record<BrandImageKind, VariantSpec[]> = {
  logo: [{ variant: 'logo', resize: { width: 512, height: 128, fit: 'inside', withoutEnlargement: true } }],
  // a small upload still has to fill a home-screen icon, so favicons may be enlarged
  favicon: [32, 180, 192, 512].map((side) => ({
    variant: String(side),
    resize: { width: side, height: side, fit: 'contain', background: TRANSPARENT },
  })),
};

/**
 * The largest variant is 512 px: the upload is decoded once into pixels at most twice that size, which
 * keeps the last resize sharp while every variant starts from a few MB instead of a 40-megapixel decode.
 */
const DECODED_MAX_SIDE = 1024;

interface DecodedImage {
  pixels: Buffer;
  raw: sharp.CreateRaw;
}

/** Checks what the bytes really are, decodes them once and renders the PNG variants of a brand logo or favicon. */
export async function renderBrandImages(kind: BrandImageKind, input: Buffer): Promise<RenderedImage[]> {
  await assertAcceptedType(input);
  const decoded = await decode(input);
  const rendered: RenderedImage[] = [];
  // one after the other: a brand image is rare, and the API's other requests share the same cores
  for (const spec of VARIANTS[kind]) rendered.push(await encode(decoded, spec));
  return rendered;
}

async function assertAcceptedType(input: Buffer): Promise<void> {
  const detected = (await fileTypeFromBuffer(input))?.mime;
  if (detected && ACCEPTED_TYPES.has(detected)) return;
  throw new AppException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'unsupported-image-type',
    `A brand image must be a PNG, JPEG or WebP file; this one is ${detected ?? 'not a recognised image'}`,
  );
}

/** Only this step reads the upload, so only its failures are the uploader's fault (422, not 500). */
async function decode(input: Buffer): Promise<DecodedImage> {
  try {
    // pages: 1 keeps the first frame of an animation; rotate() applies the EXIF orientation; the output
    // (raw pixels) carries no metadata at all, so EXIF (GPS position included), XMP and ICC are gone
    const { data, info } = await sharp(input, { limitInputPixels: BRAND_IMAGE_MAX_PIXELS, pages: 1 })
      .rotate()
      .resize({ width: DECODED_MAX_SIDE, height: DECODED_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { pixels: data, raw: { width: info.width, height: info.height, channels: info.channels } };
  } catch (error) {
    throw unreadable(error);
  }
}

async function encode(decoded: DecodedImage, spec: VariantSpec): Promise<RenderedImage> {
  const { data, info } = await sharp(decoded.pixels, { raw: decoded.raw })
    .resize(spec.resize)
    .png({ compressionLevel: 9 })
    .toBuffer({ resolveWithObject: true });
  return { variant: spec.variant, id: contentId(data), width: info.width, height: info.height, bytes: data };
}

function contentId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

function unreadable(error: unknown): AppException {
  const tooLarge = error instanceof Error && /pixel limit/i.test(error.message);
  const detail = tooLarge
    ? `The image has more than ${BRAND_IMAGE_MAX_PIXELS.toLocaleString('en')} pixels`
    : 'The image could not be read (damaged or incomplete file)';
  return new AppException(HttpStatus.UNPROCESSABLE_ENTITY, 'unreadable-image', detail);
}
