import { Writable } from 'node:stream';
import pino from 'pino';
import { LazyRequestLogger } from './lazy-request-logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const parent = pino({ level, redact: ['req.headers.authorization'] }, stream);
  return { parent, lines };
}

describe('LazyRequestLogger', () => {
  it('builds no child until a line is written at an enabled level', () => {
    const { parent, lines } = capture('info');
    const child = jest.spyOn(parent, 'child');
    const logger = LazyRequestLogger.factory(parent, { reqId: 'r1' }, {});

    logger.debug('below the level');
    expect(logger.isLevelEnabled('debug')).toBe(false);
    expect(logger.level).toBe('info');
    expect(child).not.toHaveBeenCalled();

    logger.info({ req: { headers: { authorization: 'Bearer secret' } } }, 'kept');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ reqId: 'r1', msg: 'kept', req: { headers: { authorization: '[Redacted]' } } });
  });

  it('honours a level given for the child (a route log level)', () => {
    const { parent, lines } = capture('warn');
    const logger = LazyRequestLogger.factory(parent, { reqId: 'r2' }, { level: 'debug' });

    expect(logger.isLevelEnabled('debug')).toBe(true);
    logger.debug('route-level debug');
    expect(lines.map((line) => line.msg)).toEqual(['route-level debug']);
  });
});
