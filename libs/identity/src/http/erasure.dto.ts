import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class EraseMeDto {
  @ApiProperty({ description: 'my password, asked again: erasure cannot be undone' })
  @IsString()
  @Length(1, 200)
  password: string;
}
