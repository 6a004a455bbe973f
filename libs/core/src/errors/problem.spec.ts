import { NotFoundException } from '@nestjs/common';
import { AppException } from './app-exception';
import { toProblem } from './problem';

describe('toProblem', () => {
  it('keeps a domain exception as it is, with its field errors and headers', () => {
    const sut = toProblem(
      new AppException(422, 'validation-failed', 'bad', [{ field: 'email', message: 'must be an email' }], {
        'x-a': '1',
      }),
    );
    expect(sut.problem).toEqual({
      type: 'validation-failed',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'bad',
      errors: [{ field: 'email', message: 'must be an email' }],
    });
    expect(sut.headers).toEqual({ 'x-a': '1' });
    expect(sut.unexpected).toBeUndefined();
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      status: 404,
      type: 'not-found',
      detail: 'Cannot GET /x',
    });
  });

  it('maps Fastify errors (body too large) by status', () => {
    const error = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toProblem(error).problem).toMatchObject({ status: 413, type: 'payload-too-large' });
  });

  it('hides anything unexpected behind a generic 500 and hands the error back for logging', () => {
    const error = new Error('connection string postgres://secret@db leaked');
    const sut = toProblem(error);
    expect(sut.problem).toEqual({
      type: 'internal-error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred',
    });
    expect(JSON.stringify(sut.problem)).not.toContain('secret');
    expect(sut.unexpected).toBe(error);
  });
});
