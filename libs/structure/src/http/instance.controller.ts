import { Controller, Delete, Get, Headers, Patch, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, AuthContext, Policy, Public } from '@alveole/access';
import { ApiProblems, AppException, Body, Param, requestHost } from '@alveole/core';
import { BrandCatalog, etagMatches } from '../brand/brand-catalog';
import { BrandsService } from '../brand/brands.service';
import { ImageRemoval, ImageUpload, uploadedBrandImages } from './brand-image-upload';
import { UpdateBrandDto } from './brand.dto';
import { BrandSettingsResponse, InstanceBrandResponse } from './brand.responses';

const IMAGE_FILE = /^([0-9a-f]{32})\.png$/;

/** The brand of the host a request came to (public), and the default brand's edits (instance admins). */
@ApiTags('instance')
@Controller('instance')
export class InstanceController {
  constructor(
    private readonly catalog: BrandCatalog,
    private readonly brands: BrandsService,
  ) {}

  /** Public: the sign-in page needs the brand before anyone is signed in. 304 when the ETag matches. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Get the brand of this host name (public, with an ETag); unknown hosts get the default' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'the ETag of a copy you hold' })
  @ApiOkResponse({
    type: InstanceBrandResponse,
    headers: { ETag: { description: 'strong validator of the brand', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'your copy (If-None-Match) is current' })
  @ApiProblems()
  async brand(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const brand =
      this.catalog.cachedForHost(requestHost(request)) ?? (await this.catalog.forHost(requestHost(request)));
    reply.header('etag', brand.etag).header('cache-control', 'no-cache').header('vary', 'host, x-forwarded-host');
    if (etagMatches(ifNoneMatch, brand.etag)) {
      await reply.status(304).send();
      return;
    }
    // the JSON written once per brand change, not serialised per request
    await reply.type('application/json; charset=utf-8').send(brand.json);
  }

  @Patch()
  @Policy('manage', 'Brand')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the default brand (colours checked for AA contrast; 422 names the pair)' })
  @ApiOkResponse({ type: BrandSettingsResponse })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  async update(@Auth() auth: AuthContext, @Body() dto: UpdateBrandDto): Promise<BrandSettingsResponse> {
    return this.brands.update(auth, await this.brands.defaultId(), dto);
  }

  @Put('logo')
  @ImageUpload('logo')
  @ApiBearerAuth()
  async putLogo(@Auth() auth: AuthContext, @Req() request: FastifyRequest) {
    const images = await uploadedBrandImages(request, 'logo');
    return this.brands.setImages(auth, await this.brands.defaultId(), 'logo', images);
  }

  @Put('favicon')
  @ImageUpload('favicon')
  @ApiBearerAuth()
  async putFavicon(@Auth() auth: AuthContext, @Req() request: FastifyRequest) {
    const images = await uploadedBrandImages(request, 'favicon');
    return this.brands.setImages(auth, await this.brands.defaultId(), 'favicon', images);
  }

  @Delete('logo')
  @ImageRemoval('logo')
  @ApiBearerAuth()
  async removeLogo(@Auth() auth: AuthContext) {
    return this.brands.setImages(auth, await this.brands.defaultId(), 'logo', null);
  }

  @Delete('favicon')
  @ImageRemoval('favicon')
  @ApiBearerAuth()
  async removeFavicon(@Auth() auth: AuthContext) {
    return this.brands.setImages(auth, await this.brands.defaultId(), 'favicon', null);
  }

  /** Public and immutable: the name is the hash of the bytes, so a new image is a new URL. */
  @Public()
  @Get('images/:file')
  @ApiOperation({ summary: 'A brand image (PNG), cached for a year' })
  @ApiOkResponse({ content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(404)
  async image(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const id = IMAGE_FILE.exec(file)?.[1];
    const bytes = id ? await this.brands.image(id) : null;
    if (!bytes) throw AppException.notFound('Image');
    await reply
      .type('image/png')
      .header('cache-control', 'public, max-age=31536000, immutable')
      // e-mails show the logo from this URL: a webmail page of another origin must be able to load it
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  }
}
