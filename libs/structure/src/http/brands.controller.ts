import { Controller, Delete, Get, HttpCode, ParseUUIDPipe, Patch, Post, Put, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param } from '@alveole/core';
import { BrandsService } from '../brand/brands.service';
import { ImageRemoval, ImageUpload, uploadedBrandImages } from './brand-image-upload';
import { CreateBrandDto, UpdateBrandDto } from './brand.dto';
import { BrandListResponse, BrandSettingsResponse } from './brand.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** Instance admins: every brand, the default and those bound to host names (white label). */
@ApiTags('instance')
@ApiBearerAuth()
@Controller('instance/brands')
export class BrandsController {
  constructor(private readonly brands: BrandsService) {}

  @Get()
  @Policy('manage', 'Brand')
  @ApiOperation({ summary: 'List the brands with what admins edit (the default first)' })
  @ApiOkResponse({ type: BrandListResponse })
  @ApiProblems(401, 403)
  async list(): Promise<BrandListResponse> {
    return { items: await this.brands.list() };
  }

  @Post()
  @Policy('manage', 'Brand')
  @ApiOperation({ summary: 'Add a brand for some host names (what it does not give is the default brand’s)' })
  @ApiCreatedResponse({ type: BrandSettingsResponse })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  create(@Auth() auth: AuthContext, @Body() dto: CreateBrandDto): Promise<BrandSettingsResponse> {
    return this.brands.create(auth, dto);
  }

  @Patch(':id')
  @Policy('manage', 'Brand')
  @ApiOperation({ summary: 'Change a brand (colours are checked for AA contrast, 422 names the failing pair)' })
  @ApiOkResponse({ type: BrandSettingsResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  update(
    @Auth() auth: AuthContext,
    @Param('id', Id) id: string,
    @Body() dto: UpdateBrandDto,
  ): Promise<BrandSettingsResponse> {
    return this.brands.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Policy('manage', 'Brand')
  @ApiOperation({ summary: 'Remove a brand (its hosts then show the default brand); not the default' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 409)
  remove(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<void> {
    return this.brands.remove(auth, id);
  }

  @Put(':id/logo')
  @ImageUpload('logo')
  putLogo(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Req() request: FastifyRequest) {
    return uploadedBrandImages(request, 'logo').then((images) => this.brands.setImages(auth, id, 'logo', images));
  }

  @Put(':id/favicon')
  @ImageUpload('favicon')
  putFavicon(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Req() request: FastifyRequest) {
    return uploadedBrandImages(request, 'favicon').then((images) => this.brands.setImages(auth, id, 'favicon', images));
  }

  @Delete(':id/logo')
  @ImageRemoval('logo')
  removeLogo(@Auth() auth: AuthContext, @Param('id', Id) id: string) {
    return this.brands.setImages(auth, id, 'logo', null);
  }

  @Delete(':id/favicon')
  @ImageRemoval('favicon')
  removeFavicon(@Auth() auth: AuthContext, @Param('id', Id) id: string) {
    return this.brands.setImages(auth, id, 'favicon', null);
  }
}
