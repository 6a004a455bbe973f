import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { Policy } from '@alveole/access';
import { ApiProblems, Body } from '@alveole/core';
import { BrandColorsDto, LegalLinksDto } from '@alveole/structure/http';
import { EmailPreview } from '../email/email-preview';

class EmailPreviewDraftDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ type: BrandColorsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BrandColorsDto)
  colors?: BrandColorsDto;
  @ApiPropertyOptional({ type: LegalLinksDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegalLinksDto)
  legal?: LegalLinksDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() poweredBy?: boolean;
}

export class EmailPreviewDto {
  @ApiPropertyOptional({ description: 'the brand (default: the instance brand)' })
  @IsOptional()
  @IsUUID()
  brandId?: string;
  @ApiPropertyOptional({ enum: ['fr', 'en'] }) @IsOptional() @IsIn(['fr', 'en']) locale?: 'fr' | 'en';
  @ApiPropertyOptional({ type: EmailPreviewDraftDto, description: 'unsaved edits drawn over the stored brand' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmailPreviewDraftDto)
  draft?: EmailPreviewDraftDto;
}

export class EmailPreviewResponse {
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'a whole HTML document: show it in a sandboxed iframe' }) html: string;
  @ApiProperty() text: string;
}

@ApiTags('instance')
@ApiBearerAuth()
@Controller('instance/email-preview')
export class EmailPreviewController {
  constructor(private readonly preview: EmailPreview) {}

  @Post()
  @HttpCode(200)
  @Policy('manage', 'Brand')
  @ApiOperation({ summary: 'A sample notification e-mail in a brand (with unsaved edits), as members would get it' })
  @ApiOkResponse({ type: EmailPreviewResponse })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  async render(@Body() dto: EmailPreviewDto): Promise<EmailPreviewResponse> {
    const { subject, html, text } = await this.preview.render(dto);
    return { subject, html, text };
  }
}
