import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Policy } from '@alveole/access';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, AppException, multipartFile } from '@alveole/core';
import { BRAND_IMAGE_MAX_BYTES, BrandImageKind, renderBrandImages, RenderedImage } from '../brand/brand-images';
import { BrandSettingsResponse } from './brand.responses';

/** The routes that read a multipart body, as Fastify names them (see acceptMultipartOn). */
export const BRAND_IMAGE_ROUTES = ['logo', 'favicon'].flatMap((kind) => [
  `PUT /api/v1/instance/${kind}`,
  `PUT /api/v1/instance/brands/:id/${kind}`,
]);

/** The documentation and policy of a logo or favicon upload route (four routes share them). */
export const ImageUpload = (kind: BrandImageKind) =>
  applyDecorators(
    Policy('manage', 'Brand'),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    }),
    ApiOperation({ summary: `Upload the ${kind} (PNG, JPEG or WebP, at most 2 MiB; re-encoded and resized)` }),
    ApiOkResponse({ type: BrandSettingsResponse }),
    ApiProblems(400, 401, 403, 404, 413, 415, 422),
  );

export const ImageRemoval = (kind: BrandImageKind) =>
  applyDecorators(
    Policy('manage', 'Brand'),
    ApiOperation({ summary: `Remove the ${kind}` }),
    ApiOkResponse({ type: BrandSettingsResponse }),
    ApiProblems(401, 403, 404),
  );

const tooLarge = () =>
  new AppException(HttpStatus.PAYLOAD_TOO_LARGE, 'file-too-large', 'A logo or favicon may not exceed 2 MiB');

/** The uploaded image, at most 2 MiB (counted as it arrives), re-encoded into the sizes the kind needs. */
export async function uploadedBrandImages(request: FastifyRequest, kind: BrandImageKind): Promise<RenderedImage[]> {
  const declared = Number(request.headers['content-length']);
  if (declared > BRAND_IMAGE_MAX_BYTES + 64 * 1024) throw tooLarge();
  const file = await multipartFile(request, BRAND_IMAGE_MAX_BYTES);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.stream) {
    size += (chunk as Buffer).length;
    if (size > BRAND_IMAGE_MAX_BYTES) {
      file.stream.resume(); // drain what remains of the part
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return renderBrandImages(kind, Buffer.concat(chunks));
}
