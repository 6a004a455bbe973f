import { apiSecurityHeaders, applySecurityHeaders, securityHeaders } from './security-headers';

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

  it('gives the api answers a policy that allows nothing, and pages the one they need', () => {
    const storage = { driver: 'local' as const, signedUrlSeconds: 0 };
    const pages = securityHeaders({ publicUrl, storage });
    const api = apiSecurityHeaders(pages);
    expect(api).toMatchObject({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    expect(apiSecurityHeaders(securityHeaders({ publicUrl: 'http://localhost:3000', storage }))).not.toHaveProperty(
      'strict-transport-security',
    );
    const apply = applySecurityHeaders(pages, api);
    const headersFor = (url: string) => {
      let set: Record<string, string> = {};
      apply({ url } as never, { headers: (headers: Record<string, string>) => (set = headers) } as never);
      return set;
    };
    for (const url of ['/api/v1/me', '/api/v1/instance?x=1', '/health/ready', '/metrics', '/metrics?name=a']) {
      expect({ url, headers: headersFor(url) }).toEqual({ url, headers: api });
    }
    for (const url of ['/', '/spheres/1', '/api/docs', '/api/docs-json', '/api/v1', '/metrics-of-a-page', '/healthy']) {
      expect({ url, csp: headersFor(url)['content-security-policy'] }).toEqual({
        url,
        csp: expect.stringContaining("script-src 'self'"),
      });
    }
  });
});
