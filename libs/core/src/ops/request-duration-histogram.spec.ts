import { Histogram, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration-histogram';

const BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The same observations on prom-client's own Histogram and on ours, in two registries. */
function both() {
  const theirs = new Registry();
  const ours = new Registry();
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [theirs],
  });
  const sut = new RequestDurationHistogram(BUCKETS, ours);
  const observe = (method: string, route: string, status: number, seconds: number) => {
    histogram.observe({ method, route, status: String(status) }, seconds);
    sut.observe(method, route, status, seconds);
  };
  return { theirs, ours, observe, sut };
}

describe('RequestDurationHistogram', () => {
  it("exposes, byte for byte, what prom-client's Histogram exposes for the same requests", async () => {
    const { theirs, ours, observe } = both();
    const routes = ['/api/v1/me', '/api/v1/spheres/:id/posts', 'unmatched'];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      const status = [200, 201, 404, 422][Math.floor(random() * 4)];
      observe(i % 3 ? 'GET' : 'POST', routes[i % routes.length], status, random() * random() * 8);
    }
    // on a bound, and above every bound: the bucket that holds a value is the first bound ≥ it
    for (const seconds of [...BUCKETS, 0, 9]) observe('GET', '/api/v1/me', 200, seconds);

    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.002",method="GET",route="/api/v1/me",status="200"}',
    );
    // as JSON too (without prom-client's exemplar slots, which this histogram does not keep)
    const json = async (registry: Registry) =>
      (await registry.getMetricsAsJSON()).map(({ values, ...metric }) => ({
        ...metric,
        values: values.map((value) => ({ ...value, exemplar: undefined })),
      }));
    expect(await json(ours)).toEqual(await json(theirs));
  });

  it('counts a value equal to a bound in that bound, and takes no value that is not a number', async () => {
    const { ours, sut } = both();
    sut.observe('GET', '/x', 200, 0.01);
    sut.observe('GET', '/x', 200, Number.NaN);
    const text = await ours.metrics();
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/x",status="200"} 0');
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.01",method="GET",route="/x",status="200"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/x",status="200"} 1');
  });

  it('forgets its series on reset, as the registry asks', async () => {
    const { ours, sut } = both();
    sut.observe('GET', '/x', 200, 0.01);
    ours.resetMetrics();
    expect(await ours.metrics()).not.toContain('route="/x"');
  });
});
