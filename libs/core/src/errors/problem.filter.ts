import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowedMethods } from '../http/method-not-allowed';
import { methodNotAllowed, ProblemWithHeaders, toProblem } from './problem';

/** The one HTTP exception filter: every error leaves as application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers, unexpected } = this.problemFor(error, request);
    if (unexpected !== undefined) {
      this.logger.error({ err: unexpected, reqId: request.id }, `unhandled error on ${request.method} ${request.url}`);
    }
    if (reply.sent) return;
    reply
      .status(problem.status)
      .headers(headers)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify({ ...problem, instance: request.url }));
  }

  /** No route matched (`is404`): 405 when the path exists under other methods, else 404. */
  private problemFor(error: unknown, request: FastifyRequest): ProblemWithHeaders {
    if (request.is404) {
      const allow = allowedMethods(request);
      if (allow.length > 0) return methodNotAllowed(request.method, allow);
    }
    return toProblem(error);
  }
}
