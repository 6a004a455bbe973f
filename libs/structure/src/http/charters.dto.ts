import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';

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

export class SphereCharterResponse extends CharterResponse {
  @ApiProperty({ description: 'the articles as plain text ("1. Title\\ntext\\n\\n2. …"), then the addendum' })
  text: string;
  @ApiProperty({ type: String, nullable: true }) addendum: string | null;
  @ApiProperty({ type: Number, nullable: true }) acceptedVersion: number | null;
  @ApiProperty({ description: 'the current version is not accepted yet: posting is refused until it is' })
  mustAccept: boolean;
}

export class CharterAcceptedResponse {
  @ApiProperty() version: number;
  @ApiProperty() acceptedVersion: number;
  @ApiProperty() mustAccept: boolean;
}
