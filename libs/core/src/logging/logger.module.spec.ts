import { Writable } from 'node:stream';
import pino from 'pino';
import { withoutEmails } from './logger.module';

describe('log lines', () => {
  it('carry no e-mail address, wherever it appears', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ hooks: { streamWrite: withoutEmails } }, sink);
    logger.warn({ err: new Error('550 5.1.1 <Zoe.Martin+asso@mail.example.org>: no such user') }, 'send failed');
    logger.info('digest for ada@example.org failed');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toMatch(/example\.org/);
    expect(lines[0]).toContain('550 5.1.1 <[e-mail]>: no such user');
    expect(lines[1]).toContain('digest for [e-mail] failed');
    expect(withoutEmails('version 1.2.3 at host.local')).toBe('version 1.2.3 at host.local');
  });
});
