import { Module } from '@nestjs/common';
import { BrandCatalog } from './brand-catalog';
import { BrandChangeListener } from './brand-change-listener';
import { BrandsRepository } from './brands.repository';
import { BrandsService } from './brands.service';

/**
 * The brands on their own: the api (brand routes, served pages, registration policy) and the worker
 * (branded e-mails) both need them, the worker without the rest of the structure context.
 */
@Module({
  providers: [BrandsRepository, BrandCatalog, BrandChangeListener, BrandsService],
  exports: [BrandCatalog, BrandsService],
})
export class BrandsModule {}
