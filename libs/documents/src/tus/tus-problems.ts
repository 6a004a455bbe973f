import { STATUS_CODES } from 'node:http';
import { ERRORS } from '@tus/server';
import { AppException, toProblem } from '@alveole/core';

/** An error as @tus/server answers it: one of its ERRORS, or what a hook throws. */
export interface TusErrorAnswer {
  status_code: number;
  body: string;
}

/** What our problem types make of tus's own errors (tus statuses are kept: clients branch on them). */
const TUS_TYPES = new Map<string, { status?: number; type: string }>([
  [ERRORS.FILE_NOT_FOUND.body, { type: 'not-found' }],
  [ERRORS.FILE_NO_LONGER_EXISTS.body, { type: 'gone' }],
  [ERRORS.INVALID_OFFSET.body, { type: 'upload-offset-conflict' }],
  [ERRORS.ERR_SIZE_EXCEEDED.body, { type: 'upload-length-exceeded' }],
  [ERRORS.INVALID_LENGTH.body, { type: 'upload-length-required' }],
  // Upload-Length is required: a deferred length is not offered, whatever the request
  [ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION.body, { status: 400, type: 'upload-length-required' }],
  [ERRORS.UNSUPPORTED_CONCATENATION_EXTENSION.body, { status: 400, type: 'tus-protocol-error' }],
]);

const isTusAnswer = (error: unknown): error is TusErrorAnswer =>
  typeof (error as TusErrorAnswer)?.status_code === 'number' && typeof (error as TusErrorAnswer)?.body === 'string';

/**
 * The answer to an error thrown inside the tus server: our AppExceptions (the hooks, the upload
 * pipeline) as they would be anywhere else, tus's errors with a stable type, anything else a 500
 * (returned as `unexpected`, for the caller to log).
 */
export function tusErrorAnswer(error: unknown, method: string): TusErrorAnswer & { unexpected?: unknown } {
  if (error instanceof AppException) {
    const { problem } = toProblem(error);
    return { status_code: problem.status, body: JSON.stringify(problem) };
  }
  const known = isTusAnswer(error) ? TUS_TYPES.get(error.body) : undefined;
  if (isTusAnswer(error) && (known || error.status_code < 500)) {
    const status = known?.status ?? error.status_code;
    let type = known?.type ?? 'tus-protocol-error';
    // past the size limit on creation; past Upload-Length when a PATCH body without Content-Length runs over
    if (error.body === ERRORS.ERR_MAX_SIZE_EXCEEDED.body)
      type = method === 'PATCH' ? 'upload-length-exceeded' : 'file-too-large';
    return { status_code: status, body: JSON.stringify(problemOf(status, type, error.body.trim())) };
  }
  return {
    status_code: 500,
    body: JSON.stringify(problemOf(500, 'internal-error', 'An unexpected error occurred')),
    unexpected: error,
  };
}

/** The body of an error answer as problem+json: ours as it is, tus's plain text answers wrapped. */
export function problemBody(status: number, body: string, instance: string): string {
  try {
    const parsed = JSON.parse(body) as { type?: unknown };
    if (typeof parsed?.type === 'string') return JSON.stringify({ ...parsed, instance });
  } catch {
    // plain text: the tus server's own early answers (412 without Tus-Resumable, 400 for a bad header)
  }
  return JSON.stringify({ ...problemOf(status, 'tus-protocol-error', body.trim() || titleOf(status)), instance });
}

function problemOf(status: number, type: string, detail: string) {
  return { type, title: titleOf(status), status, detail };
}

function titleOf(status: number): string {
  return status === 413 ? 'Content Too Large' : (STATUS_CODES[status] ?? 'Error');
}
