import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Where document bytes are kept (EnvironmentVariables extends this: app-config.ts stays readable). */
export class StorageVariables {
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** Unset: AWS itself; set for MinIO, Garage, Scaleway, OVH… */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  S3_ENDPOINT?: string;

  @IsString()
  @Matches(/^[a-z0-9-]+$/)
  S3_REGION = 'us-east-1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a bucket name (3–63 of a-z, 0-9, ".", "-")' })
  S3_BUCKET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** `bucket` in the path rather than the host name: what MinIO and most self-hosted servers need. */
  @IsIn(['true', 'false'])
  S3_FORCE_PATH_STYLE: 'true' | 'false' = 'true';

  /** 0: downloads always go through the api; otherwise s3 downloads redirect to a URL valid this long. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  STORAGE_SIGNED_URL_SECONDS = 0;
}

/** Variables without a default, which the environment may leave out. */
export const OPTIONAL_STORAGE_VARIABLES = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];

export const SECRET_STORAGE_VARIABLES = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];

export interface S3Settings {
  /** Unset: the AWS endpoint of the region. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export type StorageConfig = {
  /** 0: no signed URLs; otherwise their lifetime (s3 only: the local driver has none). */
  signedUrlSeconds: number;
} & ({ driver: 'local' } | { driver: 's3'; s3: S3Settings });

/** What is wrong with the storage variables beyond each one's own format. */
export function storageProblems(vars: StorageVariables): string[] {
  if (vars.STORAGE_DRIVER !== 's3') return [];
  return (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
    .filter((name) => !vars[name])
    .map((name) => `${name}: is required when STORAGE_DRIVER=s3`);
}

export function toStorageConfig(vars: StorageVariables): StorageConfig {
  const signedUrlSeconds = vars.STORAGE_SIGNED_URL_SECONDS;
  if (vars.STORAGE_DRIVER === 'local') return { driver: 'local', signedUrlSeconds };
  return {
    driver: 's3',
    signedUrlSeconds,
    s3: {
      endpoint: vars.S3_ENDPOINT,
      region: vars.S3_REGION,
      bucket: vars.S3_BUCKET!,
      accessKeyId: vars.S3_ACCESS_KEY_ID!,
      secretAccessKey: vars.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: vars.S3_FORCE_PATH_STYLE === 'true',
    },
  };
}
