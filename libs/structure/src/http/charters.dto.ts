import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CharterArticleDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @Transform(trim) @IsString() @Length(1, 200) title: string;
  @ApiProperty({ minLength: 1, maxLength: 10000 }) @IsString() @Length(1, 10000) text: string;
}

export class PublishCharterDto {
  @ApiProperty({ type: [CharterArticleDto], minItems: 1, maxItems: 200, description: 'numbered 1, 2, … in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CharterArticleDto)
  articles: CharterArticleDto[];
}

export class AcceptCharterDto {
  @ApiProperty({ minimum: 1, description: 'the version read; only the current one is accepted' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: "the sphere's addendum version read (0: none); absent: the current one is taken as read",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  addendumVersion?: number;
}

export class NumberedArticleResponse {
  @ApiProperty() number: number;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
}

export class CharterResponse {
  @ApiProperty() version: number;
  @ApiProperty({ type: [NumberedArticleResponse] }) articles: NumberedArticleResponse[];
  @ApiProperty() publishedAt: Date;
}

export class OrganisationCharterResponse extends CharterResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'the version I accepted (in any sphere); null: never' })
  acceptedVersion: number | null;
  @ApiProperty({ description: 'the current version is not accepted yet: posting is refused until it is' })
  mustAccept: boolean;
}

export class CharterPartsAcceptedResponse {
  @ApiProperty({ description: "the organisation's current version is accepted (once for all its spheres)" })
  charter: boolean;
  @ApiProperty({ description: "this sphere's current addendum is accepted, or it has none" })
  addendum: boolean;
}

export class SphereCharterResponse extends OrganisationCharterResponse {
  @ApiProperty({ description: 'the articles as plain text ("1. Title\\ntext\\n\\n2. …"), then the addendum' })
  text: string;
  @ApiProperty({ type: String, nullable: true }) addendum: string | null;
  @ApiProperty({ description: "the sphere's addendum version, bumped when its text changes; 0: none" })
  addendumVersion: number;
  @ApiProperty({ type: Number, nullable: true }) acceptedAddendumVersion: number | null;
  @ApiProperty({
    type: CharterPartsAcceptedResponse,
    description: 'what is already accepted: ask only for the rest (mustAccept: one of them is not)',
  })
  accepted: CharterPartsAcceptedResponse;
}

export class CharterAcceptedResponse {
  @ApiProperty() version: number;
  @ApiProperty() acceptedVersion: number;
  @ApiProperty() addendumVersion: number;
  @ApiProperty() acceptedAddendumVersion: number;
  @ApiProperty() mustAccept: boolean;
}
