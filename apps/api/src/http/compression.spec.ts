import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import { passingSmallAnswers } from './compression';

describe('passingSmallAnswers', () => {
  const request = {} as FastifyRequest;
  const reply = {} as FastifyReply;
  const instance = {} as FastifyInstance;

  function run(payload: unknown) {
    const compressing = jest.fn((_request, _reply, _payload, done: (error: null, value: unknown) => void) =>
      done(null, 'compressed'),
    );
    const done = jest.fn();
    passingSmallAnswers(compressing as unknown as onSendHookHandler, 1024).call(
      instance,
      request,
      reply,
      payload,
      done,
    );
    return { compressed: compressing.mock.calls.length > 0, sent: done.mock.calls[0]?.[1] as unknown };
  }

  it('passes a text or buffer below the threshold on as it is, in bytes (not characters)', () => {
    expect(run('x'.repeat(1023))).toEqual({ compressed: false, sent: 'x'.repeat(1023) });
    expect(run(Buffer.alloc(10))).toEqual({ compressed: false, sent: Buffer.alloc(10) });
    // 400 characters of 3 bytes each are 1,200 bytes: above the threshold
    expect(run('€'.repeat(400))).toEqual({ compressed: true, sent: 'compressed' });
  });

  it('hands anything else to the plugin: large answers, streams, empty ones', () => {
    expect(run('x'.repeat(1024)).compressed).toBe(true);
    expect(run({ pipe: () => undefined }).compressed).toBe(true);
    expect(run(null).compressed).toBe(true);
  });
});
