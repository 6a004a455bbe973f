import { securityHeaders } from './security-headers';

const s3 = (signedUrlSeconds: number, endpoint?: string) => ({
  driver: 's3' as const,
  signedUrlSeconds,
  s3: { endpoint, region: 'eu-west-3', bucket: 'b', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true },
});
const connectSrc = (headers: Record<string, string>) =>
  /connect-src ([^;]*)/.exec(headers['content-security-policy'])?.[1].split(' ');

describe('security headers', () => {
  const publicUrl = 'https://intranet.example.org';

  it('lets the page connect to itself and its socket only, when downloads go through the api', () => {
    for (const storage of [{ driver: 'local' as const, signedUrlSeconds: 0 }, s3(0, 'https://s3.example.net')]) {
      expect(connectSrc(securityHeaders({ publicUrl, storage }))).toEqual(["'self'", 'wss://intranet.example.org']);
    }
  });

  it('adds the bucket where signed download URLs point (the web client follows the redirect)', () => {
    const own = connectSrc(securityHeaders({ publicUrl, storage: s3(300, 'https://s3.example.net:9000/') }));
    expect(own).toEqual(["'self'", 'wss://intranet.example.org', 'https://s3.example.net:9000']);
    const aws = connectSrc(securityHeaders({ publicUrl, storage: s3(300) }));
    expect(aws).toContain('https://*.s3.eu-west-3.amazonaws.com');
  });
});
