export * from './structure-http.module';
export { BRAND_IMAGE_ROUTES } from './brand-image-upload';
export { BrandColorsDto, LegalLinksDto } from './brand.dto';
