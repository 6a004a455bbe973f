import { ApiProperty } from '@nestjs/swagger';
import type { ExportRecord } from '../data-exports.repository';

const STATUSES = ['pending', 'ready', 'failed', 'expired', 'downloaded'];

export class ExportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: STATUSES,
    description:
      'pending (being built), ready (to download), downloaded (the link was used), failed, expired (deleted)',
  })
  status: string;
  @ApiProperty({ type: Number, nullable: true, description: "the archive's size in bytes, once built" })
  size: number | null;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readyAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) downloadedAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the archive is deleted (7 days after it was built)',
  })
  expiresAt: string | null;
}

export class ExportList {
  @ApiProperty({ type: [ExportResponse], description: 'my 50 most recent exports, newest first' })
  items: ExportResponse[];
}

export class ExportLinkResponse {
  @ApiProperty({
    format: 'uri-reference',
    description: 'a path on this server (`/api/v1/exports/<token>`); works once, for 10 minutes, without a session',
  })
  url: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export function toExportResponse(record: ExportRecord): ExportResponse {
  return {
    id: record.id,
    status: record.status,
    size: record.size === null ? null : Number(record.size),
    requestedAt: new Date(record.requestedAt).toISOString(),
    readyAt: iso(record.readyAt),
    downloadedAt: iso(record.downloadedAt),
    expiresAt: iso(record.expiresAt),
  };
}
